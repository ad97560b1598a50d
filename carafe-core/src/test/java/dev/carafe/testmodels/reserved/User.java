package dev.carafe.testmodels.reserved;

import dev.carafe.model.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A model whose table name, "user", is a reserved word in most databases. */
@Entity
public class User extends Model {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    public User() {}

    public User(String name) {
        this.name = name;
    }
}
