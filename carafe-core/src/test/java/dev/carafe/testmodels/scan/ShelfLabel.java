package dev.carafe.testmodels.scan;

/** A plain class in the scanned package: not a model. */
public final class ShelfLabel {
    private ShelfLabel() {}
}
