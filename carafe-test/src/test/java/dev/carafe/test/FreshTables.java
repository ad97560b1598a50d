package dev.carafe.test;

import dev.carafe.Carafe;
import java.io.IOException;
import java.nio.file.Files;

/** Opens a test class's db on one of the databases with its tables created anew, and drops them at the end. */
final class FreshTables {
    private FreshTables() {}

    static Carafe open(TestDatabase database, Class<?>... models) throws IOException {
        Carafe db = Carafe.builder().databaseUrl(database.url(Files.createTempDirectory("carafe-test"))).models(models).build();
        db.dropAll();
        db.createAll();
        return db;
    }

    static void close(Carafe db) {
        if (db == null) return;
        try {
            db.dropAll();
        } finally {
            db.close();
        }
    }
}
