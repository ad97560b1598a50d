package dev.carafe.testmodels.naming;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A model whose table name comes from its class name alone. */
@Entity
public class FOOBar {
    @Id
    public Long id;
}
