package dev.carafe.testmodels.scan.sub;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An entity in a sub-package of the scanned package. */
@Entity
public class Drawer {
    @Id
    public Long id;

    public DrawerKind kind;
}
