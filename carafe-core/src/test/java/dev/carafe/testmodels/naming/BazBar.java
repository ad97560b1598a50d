package dev.carafe.testmodels.naming;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A model whose table name comes from its class name alone. */
@Entity
public class BazBar {
    @Id
    public Long id;
}
