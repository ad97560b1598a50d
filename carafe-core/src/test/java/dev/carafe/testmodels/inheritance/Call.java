package dev.carafe.testmodels.inheritance;

import jakarta.persistence.Entity;

/** A single-table child: no table of its own. */
@Entity
public class Call extends Duck {
    public int loudness;
}
