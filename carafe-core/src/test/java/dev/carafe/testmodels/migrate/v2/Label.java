package dev.carafe.testmodels.migrate.v2;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A model new in the second version, with a foreign key to the changed one. */
@Entity
public class Label {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(unique = true, length = 40)
    public String name;

    @ManyToOne(fetch = FetchType.LAZY)
    public Memo memo;

    public Label() {}
}
