package dev.carafe.testmodels.schema;

import dev.carafe.model.BindKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A model on the "archive" bind. */
@Entity
@BindKey("archive")
public class Receipt {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String memo;

    public Receipt() {}
}
