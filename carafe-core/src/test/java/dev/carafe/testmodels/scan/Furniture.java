package dev.carafe.testmodels.scan;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** A mapped superclass: scanned past, not registered. */
@MappedSuperclass
public abstract class Furniture {
    @Id
    public Long id;
}
