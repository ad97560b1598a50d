package dev.carafe.examples.todo;

import dev.carafe.Carafe;
import dev.carafe.config.CarafeConfig;
import dev.carafe.testing.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the app keeps its data, and how the environment changes that and the port. */
class DefaultDatabaseTest {

    @Test
    void onTheDefaultUrlTheDatabaseFileIsInTheInstanceFolder(@TempDir Path dir) {
        Path instance = dir.resolve("instance");
        CarafeConfig config = CarafeConfig.load(dir, Map.of("CARAFE_INSTANCE_PATH", instance.toString()));

        Carafe db = TodoApp.openDatabase(config);
        try {
            assertThat(db.migrate()).extracting(migration -> migration.script()).containsExactly("h2/V1__create_todo.sql");
            assertThat(db.schemaDifferences()).isEmpty();
            assertThat(instance.resolve("todo.mv.db")).exists();
            db.reflect();
            assertThat(db.metadata().table("todo")).hasValueSatisfying(table -> assertThat(table.reflected()).isTrue());
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void databaseUrlInTheEnvironmentReplacesTheDefault(@TempDir Path dir) {
        Path instance = dir.resolve("instance");
        CarafeConfig config = CarafeConfig.load(dir, Map.of("DATABASE_URL", "jdbc:h2:mem:todo-from-env",
                "CARAFE_INSTANCE_PATH", instance.toString()));

        Carafe db = TodoApp.openDatabase(config);
        try {
            assertThat(db.engine().url()).startsWith("jdbc:h2:mem:todo-from-env");
            assertThat(Files.exists(instance.resolve("todo.mv.db"))).isFalse();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void thePortIs7071UnlessPortIsSet() {
        assertThat(TodoApp.port(Map.of())).isEqualTo(7071);
        assertThat(TodoApp.port(Map.of("PORT", "8080"))).isEqualTo(8080);
    }

    @Test
    void aPortThatIsNotANumberFailsWithTheFix() {
        assertThatThrownBy(() -> TodoApp.port(Map.of("PORT", "http")))
                .hasMessage("PORT must be a port number from 0 to 65535, got 'http'. Unset it to use 7071.");
    }
}
