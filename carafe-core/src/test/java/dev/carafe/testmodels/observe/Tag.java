package dev.carafe.testmodels.observe;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A model with an assigned id, so Hibernate batches its inserts. */
@Entity
public class Tag {
    @Id
    public Long id;

    public String label;

    public Tag() {}

    public Tag(long id, String label) {
        this.id = id;
        this.label = label;
    }
}
