package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.isolation.Isolation;
import dev.carafe.test.models.Tag;
import dev.carafe.test.models.Todo;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures, on request only, what docs/testing.md reports: reset against dropAll + createAll, and an
 * isolated test against plain ones. Prints medians; asserts no timing.
 *
 * <pre>
 * mvn -B -ntp verify -pl carafe-test -am -Dtest=IsolationTimings -Dsurefire.failIfNoSpecifiedTests=false -Dcarafe.measure=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "carafe.measure", matches = "true")
class IsolationTimings {
    private static final int RUNS = 30;

    @TempDir
    Path dir;

    /** One measured step. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    @ParameterizedTest
    @CarafeDatabases
    void measure(TestDatabase database) throws Exception {
        try (Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Todo.class, Tag.class).build();
                JettyApp app = new JettyApp(db).route("/todos", request -> {
                    db.session().add(new Todo(request.getParameter("title")));
                    db.session().commit();
                    return "created";
                }).start()) {
            db.dropAll();
            db.createAll();
            Step seed = () -> db.useTransaction(session -> {
                for (int i = 0; i < 10; i++) session.add(new Tag("tag", session.add(new Todo("todo " + i))));
            });
            Step body = () -> {
                assertThat(app.post("/todos", "title=measured").statusCode()).isEqualTo(201);
                assertThat(db.withContext(() -> db.query(Todo.class).count())).isPositive();
            };
            double reset = median(() -> db.reset(), seed);
            double recreate = median(() -> {
                db.dropAll();
                db.createAll();
            }, seed);
            double isolated = median(() -> {
                try (Isolation isolation = db.isolate()) {
                    body.run();
                }
            }, () -> { });
            double plainWithReset = median(() -> {
                db.reset();
                body.run();
            }, () -> { });
            double plainWithRecreate = median(() -> {
                db.dropAll();
                db.createAll();
                body.run();
            }, () -> { });
            System.out.printf("TIMING %s: reset %.2f ms, dropAll+createAll %.2f ms; per test: isolated %.2f ms,"
                    + " reset + plain %.2f ms, dropAll+createAll + plain %.2f ms%n", database, reset, recreate, isolated,
                    plainWithReset, plainWithRecreate);
            db.dropAll();
        }
    }

    /** The median of {@link #RUNS} timed runs of a step, each after an untimed preparation, after 5 warm-up runs. */
    private static double median(Step step, Step before) throws Exception {
        double[] millis = new double[RUNS];
        for (int i = -5; i < RUNS; i++) {
            before.run();
            long start = System.nanoTime();
            step.run();
            if (i >= 0) millis[i] = (System.nanoTime() - start) / 1_000_000.0;
        }
        Arrays.sort(millis);
        return millis[RUNS / 2];
    }
}
