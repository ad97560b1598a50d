package dev.carafe.testmodels;

import dev.carafe.model.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** Flask-SQLAlchemy's test fixture model, on the default bind. */
@Entity
public class Todo extends Model {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;

    public boolean done;

    public Todo() {}

    public Todo(String title) {
        this.title = title;
    }
}
