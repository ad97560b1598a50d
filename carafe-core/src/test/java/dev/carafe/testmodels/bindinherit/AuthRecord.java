package dev.carafe.testmodels.bindinherit;

import dev.carafe.model.BindKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** An abstract base that puts its entity subclasses on the "auth" bind. */
@MappedSuperclass
@BindKey("auth")
public abstract class AuthRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
}
