package dev.carafe.testmodels.bindinherit;

import jakarta.persistence.Entity;

/** Inherits the "auth" bind from {@link AuthRecord}. */
@Entity
public class Login extends AuthRecord {
    public String userName;

    public Login() {}

    public Login(String userName) {
        this.userName = userName;
    }
}
