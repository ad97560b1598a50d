package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.config.EngineOptions;
import dev.carafe.session.DbContext;
import dev.carafe.test.models.Todo;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * What the extension checks after each test: contexts and connections left open, and what Carafe
 * raised on other threads. Runs small test classes of its own and reads their failures.
 */
class AfterTestChecksTest {
    static final Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(null))
            .engineDefaults(EngineOptions.defaults().poolTimeout(Duration.ofMillis(500))).models(Todo.class).build();
    static JettyApp app;
    static volatile boolean running;
    static Connection held;

    @BeforeAll
    static void start() throws Exception {
        db.createAll();
        app = new JettyApp(db).route("/todos", request -> {
            db.session().add(new Todo("from a request"));
            db.session().commit();
            return "created";
        }).start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        db.close();
    }

    static List<String> failures(Class<?> testClass) {
        running = true;
        try {
            Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
            return tests.failed().stream()
                    .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage())
                    .toList();
        } finally {
            running = false;
        }
    }

    @Test
    void aContextLeftOpenFailsTheTestSayingWhereItWasOpened() {
        assertThat(failures(LeavesAContextOpen.class)).singleElement().asString().matches("""
                The test left these open, and Carafe closed them:
                  - a context opened at dev\\.carafe\\.test\\.AfterTestChecksTest\\$LeavesAContextOpen\\.opensAndForgets\\(AfterTestChecksTest\\.java:\\d+\\) on thread 'main'
                Close every context a test opens: try \\(DbContext ctx = db\\.context\\(\\)\\) \\{ \\.\\.\\. \\}\\.""");
        assertThat(db.hasContext()).isFalse();
    }

    @Test
    void aPoolConnectionLeftOutFailsTheTest() throws Exception {
        try {
            assertThat(failures(KeepsAPoolConnection.class)).containsExactly("Bind 'default' has 1 more connection checked"
                    + " out than before the test: taken from its pool outside Carafe's sessions"
                    + " (engine.dataSource().getConnection(), say) and not closed.");
        } finally {
            held.close();
        }
    }

    @Test
    void aRequestThatWaitedTooLongForItsTurnFailsTheTest() {
        assertThat(failures(HoldsATransactionWhileItsRequestWaits.class)).singleElement().asString().matches("""
                Carafe raised this on another thread during the test:
                  - Bind 'default': thread '[^']+' waited 500 ms for its turn on the test's connection, which thread 'main' holds in a transaction begun at dev\\.carafe\\.test\\.AfterTestChecksTest\\$HoldsATransactionWhileItsRequestWaits\\.sendsARequest\\(AfterTestChecksTest\\.java:\\d+\\)\\. While a test is isolated, every thread shares one connection per bind and takes its turn at transaction boundaries: commit or roll back before waiting for another thread \\(sending a request to the application, say\\), or raise the bind's pool-timeout\\.""");
    }

    /** Runs only inside the tests above. */
    abstract static class RunByTheTestsAbove {
        @RegisterExtension
        static CarafeExtension carafe = CarafeExtension.of(db);

        @BeforeEach
        void onlyFromTheTestsAbove() {
            assumeTrue(running, "run by AfterTestChecksTest");
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LeavesAContextOpen extends RunByTheTestsAbove {
        @Test
        @Order(1)
        void opensAndForgets() {
            DbContext forgotten = db.context();
            assertThat(db.query(Todo.class).count()).isZero();
            assertThat(forgotten.isOpen()).isTrue();
        }

        @Test
        @Order(2)
        void theNextTestStartsWithoutIt() {
            assertThat(db.hasContext()).isFalse();
        }
    }

    static class KeepsAPoolConnection extends RunByTheTestsAbove {
        @Test
        void takesOne() throws Exception {
            held = db.engine().dataSource().getConnection();
        }
    }

    static class HoldsATransactionWhileItsRequestWaits extends RunByTheTestsAbove {
        @Test
        void sendsARequest() throws Exception {
            try (DbContext ctx = db.context()) {
                db.session().add(new Todo("held"));
                db.session().flush();
                HttpResponse<String> response = app.post("/todos", "");
                assertThat(response.statusCode()).isEqualTo(500);
            }
        }
    }
}
