package dev.carafe.javalin.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.carafe.Carafe;
import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.config.EngineOptions;
import dev.carafe.javalin.CarafePlugin;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Todo;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database that accepts connections and never answers (a hung server, a firewall that drops
 * packets): Carafe fails within the timeouts instead of hanging, at start-up, on a request's first
 * statement and in the middle of a request, and the web plugin answers 503.
 */
class SilentDatabaseTest {
    /** A guard against hanging, far above the timeouts the tests set; not a measurement. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final EngineOptions SHORT = EngineOptions.defaults().poolTimeout(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(2));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private TcpProxy proxy;
    private Carafe db;
    private Javalin app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) app.stop();
        if (proxy != null) proxy.close();
        if (db != null) LeakCheck.closeChecked(db);
    }

    private Carafe throughProxy(TestDatabase database) throws Exception {
        database.assumeAvailable();
        int port = database == TestDatabase.POSTGRESQL ? 5432 : 3306;
        proxy = new TcpProxy(port);
        String url = database.url(null).replace(":" + port + "/", ":" + proxy.port() + "/");
        db = Carafe.builder().databaseUrl(url).engineOptions(SHORT).models(Todo.class).build();
        return db;
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void atStartUpASilentDatabaseIsUnavailableWithinTheTimeouts(TestDatabase database) throws Exception {
        Carafe carafe = throughProxy(database);
        proxy.freeze();
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(carafe::createAll)
                .isInstanceOf(DatabaseUnavailableException.class));
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void aRequestsFirstStatementAgainstASilentDatabaseAnswers503(TestDatabase database) throws Exception {
        Carafe carafe = throughProxy(database);
        carafe.createAll();
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(carafe));
            config.routes.get("/todos", ctx -> ctx.result(String.valueOf(carafe.query(Todo.class).count())));
        }).start("127.0.0.1", 0);
        assertThat(get("/todos").statusCode()).isEqualTo(200);
        // The pool's connections go quiet with the server: the next checkout's validation, or the
        // statement itself, waits for the timeouts.
        proxy.freeze();
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThat(get("/todos").statusCode()).isEqualTo(503));
        proxy.restore();
        dropTodos(carafe);
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void aDatabaseThatGoesSilentMidRequestAnswers503(TestDatabase database) throws Exception {
        Carafe carafe = throughProxy(database);
        carafe.createAll();
        CountDownLatch firstStatementRan = new CountDownLatch(1);
        CountDownLatch silent = new CountDownLatch(1);
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(carafe));
            config.routes.get("/todos", ctx -> {
                long before = carafe.query(Todo.class).count();
                firstStatementRan.countDown();
                silent.await(30, TimeUnit.SECONDS);
                ctx.result(before + " then " + carafe.query(Todo.class).count());
            });
        }).start("127.0.0.1", 0);
        var response = http.sendAsync(HttpRequest.newBuilder(uri("/todos")).timeout(HANG_GUARD).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(firstStatementRan.await(30, TimeUnit.SECONDS)).isTrue();
        proxy.freeze();
        silent.countDown();
        assertThat(response.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        proxy.restore();
        dropTodos(carafe);
    }

    private void dropTodos(Carafe carafe) {
        // The pool may still hold connections the freeze broke; a fresh one drops the table.
        carafe.dropAll();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(HANG_GUARD).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
