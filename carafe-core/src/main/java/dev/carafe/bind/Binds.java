package dev.carafe.bind;

import dev.carafe.model.BindKey;

/** Names of binds that Carafe gives a meaning to. */
public final class Binds {
    /**
     * The key of the default bind, the one configured by {@code database-url}; models without
     * {@link BindKey} live there. Usable wherever a bind key is expected, for example
     * {@code db.createAll(Binds.DEFAULT, "meta")}.
     */
    public static final String DEFAULT = "default";

    private Binds() {}
}
