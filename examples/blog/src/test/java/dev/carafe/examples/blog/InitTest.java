package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.config.CarafeConfig;
import dev.carafe.testing.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** flaskr's tests/test_init.py. */
class InitTest {
    @TempDir
    Path dir;

    @Test
    void withoutConfigurationTheBlogUsesAnH2FileInTheInstanceFolder() {
        Carafe db = BlogApp.database(CarafeConfig.load(dir, Map.of()));
        try {
            assertThat(db.engine().url()).isEqualTo(BlogApp.DEFAULT_DATABASE_URL);
            db.createAll();
            assertThat(dir.resolve("instance").resolve("flaskr.mv.db")).exists();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void theDatabaseUrlComesFromTheEnvironment() {
        Carafe db = BlogApp.database(CarafeConfig.load(dir, Map.of("DATABASE_URL", "sqlite:///environ")));
        try {
            assertThat(db.config().databaseUrl()).isEqualTo("sqlite:///environ");
            assertThat(db.engine().url()).isEqualTo("sqlite:///environ");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void initDbRecreatesTheTablesAndSaysSo() {
        Carafe db = BlogApp.database(CarafeConfig.fromMap(Map.of("database-url", "jdbc:h2:mem:init-db")));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BlogApp.initDb(db, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Initialized");
            assertThat(db.withContext(() -> db.query(User.class).count())).isZero();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }
}
