package dev.carafe.testmodels.naming;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A model with an explicit table name, which naming must keep. */
@Entity
@Table(name = "spam")
public class Eggs {
    @Id
    public Long id;
}
