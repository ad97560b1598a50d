package dev.carafe.testmodels.repr;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A model that does not extend {@code dev.carafe.model.Model}. */
@Entity
public class Plain {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String label;

    public Plain() {}

    public Plain(String label) {
        this.label = label;
    }
}
