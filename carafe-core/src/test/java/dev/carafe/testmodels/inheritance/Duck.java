package dev.carafe.testmodels.inheritance;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/** The root of a single-table hierarchy: it and {@link Call} share the table "duck". */
@Entity
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
public class Duck {
    @Id
    public Long id;

    public String name;
}
