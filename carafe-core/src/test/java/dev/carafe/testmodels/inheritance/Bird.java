package dev.carafe.testmodels.inheritance;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;

/** The manually named root of a joined hierarchy. */
@Entity
@Table(name = "BIRD")
@Inheritance(strategy = InheritanceType.JOINED)
public class Bird {
    @Id
    public Long id;

    public String wingSpan;
}
