package dev.carafe.testmodels.observe;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A member with secrets, as users write one: camelCase fields that become snake_case columns. */
@Entity
public class Member {
    // IDENTITY, not plain @GeneratedValue: on a SQLite file that one still needs a second pooled
    // connection (issue 12, being fixed with the models).
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    public String passwordHash;

    public String apiKey;

    public String iban;

    public Member() {}

    public Member(String name, String passwordHash, String apiKey, String iban) {
        this.name = name;
        this.passwordHash = passwordHash;
        this.apiKey = apiKey;
        this.iban = iban;
    }
}
