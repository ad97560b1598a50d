package dev.carafe.testmodels.reflect;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A model whose table is both declared and, once created, reflected. */
@Entity
public class Catalogue {
    @Id
    public Long id;

    public String title;
}
