package dev.carafe.testmodels.noid;

import jakarta.persistence.Entity;

/** An entity without a primary key, which cannot be mapped. */
@Entity
public class Orphan {
    public String name;
}
