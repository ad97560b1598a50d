package dev.carafe.servlet;

import dev.carafe.Carafe;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The filter's init-param retry-paths: requests under those paths run again after a conflict;
 * others answer 503 with Retry-After. The conflict is PostgreSQL's own serialization failure
 * (SQLSTATE 40001), raised on the first attempt.
 */
class RetryPathsTest {
    private static final String RAISE_CONFLICT =
            "do $$ begin raise exception 'simulated conflict' using errcode = 'serialization_failure'; end $$";

    @TempDir
    Path dir;

    private final AtomicInteger attempts = new AtomicInteger();
    private Carafe db;
    private WebServer server;

    /** A booking made through a form. */
    @Entity
    public static class RetriedBooking {
        @Id
        @GeneratedValue
        public Long id;

        public String guest;
    }

    @BeforeEach
    void start() {
        TestDatabase.POSTGRESQL.assumeAvailable();
        db = Carafe.builder().databaseUrl(TestDatabase.POSTGRESQL.url(dir)).models(RetriedBooking.class).build();
        db.dropAll();
        db.createAll();
        server = WebServer.create();
        FilterHolder filter = new FilterHolder(new CarafeFilter(db));
        filter.setInitParameter(CarafeFilter.RETRY_PATHS_PARAMETER, "/bookings, /flushed");
        server.context().addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        server.servlet("/bookings/*", this::bookFailingOnce).servlet("/plain/*", this::bookFailingOnce)
                .servlet("/flushed/*", (request, response) -> {
                    response.getWriter().print("started");
                    response.flushBuffer();
                    bookFailingOnce(request, response);
                }).start();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (db != null) {
            try {
                db.dropAll();
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    private void bookFailingOnce(HttpServletRequest request, HttpServletResponse response) throws Exception {
        int attempt = attempts.incrementAndGet();
        response.setHeader("X-Attempt", Integer.toString(attempt));
        RetriedBooking booking = new RetriedBooking();
        booking.guest = request.getParameter("guest");
        db.session().add(booking);
        if (attempt == 1) db.session().hibernate().createNativeMutationQuery(RAISE_CONFLICT).executeUpdate();
        db.session().commit();
        response.setStatus(201);
        response.getWriter().print("booked " + booking.guest);
    }

    private List<String> guests() {
        return db.withContext(() -> db.session().scalars(db.select(RetriedBooking.class).orderBy("id")).stream()
                .map(booking -> booking.guest).toList());
    }

    @Test
    void aRequestUnderARetryPathRunsAgainAfterAConflict() {
        HttpResponse<String> response = server.post("/bookings/new", "guest=ada");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("booked ada");
        assertThat(response.headers().allValues("X-Attempt")).containsExactly("2");
        assertThat(attempts).hasValue(2);
        assertThat(guests()).containsExactly("ada");
    }

    @Test
    void aRequestElsewhereAnswers503WithRetryAfter() {
        HttpResponse<String> response = server.send(server.request("/plain/new")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("guest=ada")).build());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).isEqualTo("{\"error\": \"Service Unavailable\", \"description\": \"The request collided"
                + " with another one changing the same data. Try again shortly.\"}");
        assertThat(attempts).hasValue(1);
        assertThat(guests()).isEmpty();
    }

    @Test
    void aRequestWhoseResponseIsAlreadyCommittedIsNotRunAgain() {
        // The container can only cut short a response it already sent the start of.
        assertThatThrownBy(() -> server.post("/flushed/new", "guest=ada")).isInstanceOf(UncheckedIOException.class);

        assertThat(attempts).hasValue(1);
        assertThat(guests()).isEmpty();
    }

    @Test
    void aRetryPathThatIsNotAPathIsRefusedWhenTheFilterStarts() {
        FilterHolder filter = new FilterHolder(new CarafeFilter(db));
        filter.setInitParameter(CarafeFilter.RETRY_PATHS_PARAMETER, "bookings");
        WebServer broken = WebServer.create();
        broken.context().addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        try {
            broken.start();
            assertThat(filter.isFailed() || !filter.isStarted()).isTrue();
        } catch (IllegalStateException e) {
            assertThat(e).hasStackTraceContaining("CarafeFilter '" + filter.getName() + "': init-param retry-paths: the"
                    + " path 'bookings' does not start with '/'; write paths such as /orders, /cart.");
        } finally {
            broken.close();
        }
    }
}
