package dev.carafe.testmodels.inheritance;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDate;

/** An abstract base: its columns go to each concrete child, and it gets no table. */
@MappedSuperclass
public abstract class Animal {
    @Id
    public Long id;

    public LocalDate hatchedOn;
}
