package dev.carafe.servlet.deploy;

import dev.carafe.Carafe;
import java.util.function.Supplier;

/** The test's Carafe instance, as the supplier a web.xml names with the init-param db-supplier. */
public final class CurrentDb implements Supplier<Carafe> {
    /** Set by the test before it deploys the application. */
    public static volatile Carafe db;

    @Override
    public Carafe get() {
        return db;
    }
}
