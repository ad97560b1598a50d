package dev.carafe.testmodels;

import dev.carafe.model.BindKey;
import dev.carafe.model.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A model on the "meta" bind that does not extend Model. */
@Entity
@BindKey("meta")
public class Note {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String body;

    public Note() {}

    public Note(String body) {
        this.body = body;
    }
}
