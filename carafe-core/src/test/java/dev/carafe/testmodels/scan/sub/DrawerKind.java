package dev.carafe.testmodels.scan.sub;

/** An enum in a scanned sub-package: not a model. */
public enum DrawerKind {
    SHALLOW,
    DEEP
}
