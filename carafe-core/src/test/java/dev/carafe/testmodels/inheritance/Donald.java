package dev.carafe.testmodels.inheritance;

import jakarta.persistence.Entity;

/** A joined child: a table of its own, named from its class. */
@Entity
public class Donald extends Bird {
    public String sailorHat;
}
