package dev.carafe.test.models;

import dev.carafe.model.BindKey;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** An account, on the bind "auth". */
@Entity
@BindKey("auth")
public class Account {
    @Id
    @GeneratedValue
    public Long id;

    public String name;

    protected Account() {}

    public Account(String name) {
        this.name = name;
    }
}
