package dev.carafe.testmodels.bindinherit;

import dev.carafe.model.BindKey;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/** The root of a joined hierarchy on the "auth" bind. */
@Entity
@BindKey("auth")
@Inheritance(strategy = InheritanceType.JOINED)
public class Staff {
    @Id
    public Long id;

    public String name;

    public Staff() {}

    public Staff(Long id, String name) {
        this.id = id;
        this.name = name;
    }
}
