package dev.carafe.testmodels.bindinherit;

import jakarta.persistence.Entity;

/** A joined child with no key of its own: it lives on its parent's bind. */
@Entity
public class Admin extends Staff {
    public int level;

    public Admin() {}

    public Admin(Long id, String name, int level) {
        super(id, name);
        this.level = level;
    }
}
