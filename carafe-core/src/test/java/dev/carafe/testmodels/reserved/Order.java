package dev.carafe.testmodels.reserved;

import dev.carafe.model.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A model named by a reserved word, with columns named by reserved words too. */
@Entity
public class Order extends Model {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public int year;

    public String value;

    @ManyToOne
    public User user;

    public Order() {}

    public Order(User user, int year, String value) {
        this.user = user;
        this.year = year;
        this.value = value;
    }
}
