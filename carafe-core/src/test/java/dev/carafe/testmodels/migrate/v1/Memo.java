package dev.carafe.testmodels.migrate.v1;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** The first version of a model whose table migrations change. */
@Entity
public class Memo {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(length = 50)
    public String title;

    public Memo() {}

    public Memo(String title) {
        this.title = title;
    }
}
