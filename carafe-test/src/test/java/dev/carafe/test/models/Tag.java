package dev.carafe.test.models;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A tag of a todo: its table refers to the todo's, and its id is an identity column. */
@Entity
public class Tag {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Todo todo;

    protected Tag() {}

    public Tag(String name, Todo todo) {
        this.name = name;
        this.todo = todo;
    }
}
