package dev.carafe.testmodels.scan;

import jakarta.persistence.Entity;

/** An entity at the top of the scanned package. */
@Entity
public class Shelf extends Furniture {
    public int width;
}
