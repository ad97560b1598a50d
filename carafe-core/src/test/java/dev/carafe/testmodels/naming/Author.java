package dev.carafe.testmodels.naming;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The target of {@link BlogEntry#author}. */
@Entity
public class Author {
    @Id
    public Long id;

    public String fullName;
}
