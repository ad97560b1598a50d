package dev.carafe.testmodels.schema;

import dev.carafe.model.BindKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A model on the "depot" bind. */
@Entity
@BindKey("depot")
public class Parcel {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String weight;

    public Parcel() {}
}
