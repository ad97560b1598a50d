package dev.carafe.test.models;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * A todo. Its id is an identity column: a plain {@code @GeneratedValue} is a table of counters on
 * SQLite, which Hibernate updates on a second connection, and SQLite's pool has one.
 */
@Entity
public class Todo {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;

    protected Todo() {}

    public Todo(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
