package dev.carafe.testing;

import dev.carafe.Carafe;
import dev.carafe.bind.Engine;

import static org.assertj.core.api.Assertions.assertThat;

/** The leak check every test ends with: no open context, no borrowed connection. */
public final class LeakCheck {
    private LeakCheck() {}

    /** Asserts that the instance has no open context and that every pool has 0 active connections, then closes it. */
    public static void closeChecked(Carafe db) {
        try {
            assertThat(db.openContexts()).as("open contexts").isZero();
            for (Engine engine : db.engines().values()) {
                assertThat(engine.activeConnections()).as("active connections of bind " + engine.key()).isZero();
            }
        } finally {
            db.close();
        }
    }

    /** Drops the instance's tables, then {@link #closeChecked closes it checked}, also when dropping fails. */
    public static void dropAllAndClose(Carafe db) {
        try {
            db.dropAll();
        } finally {
            closeChecked(db);
        }
    }
}
