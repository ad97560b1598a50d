package dev.carafe.testmodels.drift;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A model with a unique column, written with plain {@code @GeneratedValue}. */
@Entity
public class Maker {
    @Id
    @GeneratedValue
    public Long id;

    @Column(unique = true, nullable = false, length = 80)
    public String name;

    public Maker() {}
}
