package dev.carafe.testmodels.blog;

import dev.carafe.model.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A post's author. */
@Entity
public class Author extends Model {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    public Author() {}

    public Author(String name) {
        this.name = name;
    }

    /**
     * Returns the name; unlike the field, a method loads a lazy proxy.
     *
     * @return the name
     */
    public String name() {
        return name;
    }
}
