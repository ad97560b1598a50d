package dev.carafe.test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.carafe.Carafe;
import dev.carafe.test.models.Todo;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DDL inside an isolated test: rolled back with the test on PostgreSQL and SQLite; on H2 and MariaDB,
 * which commit it by themselves, the bind's tables are emptied after the test instead, said once.
 */
@ParameterizedClass(name = "{0}")
@CarafeDatabases
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FallbackTest {
    static Carafe db;
    static final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(() -> db);

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void seed(TestDatabase database) throws Exception {
        db = FreshTables.open(database, Todo.class);
        dropScratchTables();
        db.useTransaction(session -> session.add(new Todo("seeded")));
        log.list.clear();
        log.start();
        ((Logger) LoggerFactory.getLogger("carafe.isolation")).addAppender(log);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        ((Logger) LoggerFactory.getLogger("carafe.isolation")).detachAppender(log);
        try {
            if (db != null) dropScratchTables();
        } finally {
            FreshTables.close(db);
        }
    }

    static void dropScratchTables() {
        db.useContext(() -> execute("drop table if exists scratch_1", "drop table if exists scratch_2"));
    }

    static void execute(String... statements) {
        db.session().hibernate().doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) statement.execute(sql);
            }
        });
    }

    static List<String> titles() {
        return db.withContext(() -> db.session().scalars(db.select(Todo.class)).stream().map(Todo::title).toList());
    }

    boolean commitsDdl() {
        return database == TestDatabase.H2 || database == TestDatabase.MARIADB;
    }

    @Test
    @Order(1)
    void aTestThatRunsDdl() {
        db.useTransaction(session -> session.add(new Todo("before the DDL")));
        db.useContext(() -> execute("create table scratch_1 (id int)"));
        db.useTransaction(session -> session.add(new Todo("after the DDL")));

        assertThat(titles()).containsExactly("seeded", "before the DDL", "after the DDL");
    }

    @Test
    @Order(2)
    void theNextTestFindsTheTablesEmptiedOrAsTheyWere() {
        assertThat(titles()).isEqualTo(commitsDdl() ? List.of() : List.of("seeded"));
        db.useContext(() -> execute("create table scratch_2 (id int)"));
    }

    @Test
    @Order(3)
    void theFallbackIsSaidOnce() {
        List<String> warnings = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        if (!commitsDdl()) {
            assertThat(warnings).isEmpty();
            return;
        }
        String database = this.database == TestDatabase.H2 ? "H2" : "MariaDB";
        assertThat(warnings).containsExactly("Bind 'default': the statement \"create table scratch_1 (id int)\" committed"
                + " the test's transaction (" + database + " commits DDL by itself), so Carafe emptied the bind's tables"
                + " after the test instead of rolling it back; rows that were there before the test are gone too. Run"
                + " DDL such as createAll() before the tests, in @BeforeAll, to keep them isolated. (Said once per bind.)");
    }
}
