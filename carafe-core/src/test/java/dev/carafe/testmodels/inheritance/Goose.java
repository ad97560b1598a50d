package dev.carafe.testmodels.inheritance;

import jakarta.persistence.Entity;

/** The concrete child of a mapped superclass. */
@Entity
public class Goose extends Animal {
    public String honk;
}
