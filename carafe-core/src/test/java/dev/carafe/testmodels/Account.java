package dev.carafe.testmodels;

import dev.carafe.model.BindKey;
import dev.carafe.model.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A model on the "auth" bind. */
@Entity
@BindKey("auth")
public class Account extends Model {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String userName;

    public Account() {}

    public Account(String userName) {
        this.userName = userName;
    }
}
