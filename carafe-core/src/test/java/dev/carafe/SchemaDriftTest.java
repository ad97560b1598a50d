package dev.carafe;

import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.drift.Gadget;
import dev.carafe.testmodels.drift.Maker;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaDriftTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tablesCreatedFromTheModelsDifferInNothing(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Maker.class, Gadget.class).build();
        try {
            db.dropAll();
            db.createAll();
            db.reflect();
            System.out.println(database + " " + db.metadata().tables());
            assertThat(db.schemaDifferences()).isEmpty();
            db.checkSchema();
        } finally {
            try {
                db.dropAll();
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }
}
