package dev.carafe.testmodels.scanned;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An entity in a package whose name starts like the scanned one's: never picked up by scanning "...scan". */
@Entity
public class Cupboard {
    @Id
    public Long id;
}
