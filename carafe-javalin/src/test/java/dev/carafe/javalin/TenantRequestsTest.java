package dev.carafe.javalin;

import dev.carafe.Carafe;
import dev.carafe.config.EngineOptions;
import dev.carafe.model.Model;
import dev.carafe.tenant.Tenancy;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.web.ErrorFormat;
import dev.carafe.web.TenantResolver;
import io.javalin.Javalin;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The plugin opens each request's context for the tenant its resolver names, and answers a missing or unknown one. */
class TenantRequestsTest {
    private static final List<String> TENANTS = List.of("w_acme", "w_globex", "w_initech", "w_umbrella");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Carafe db;
    private Javalin app;

    @Entity
    public static class Memo extends Model {
        @Id
        @GeneratedValue
        public Long id;

        public String text;
    }

    private void start(TestDatabase database, TenantResolver resolver, boolean debugView) {
        database.assumeAvailable();
        db = Carafe.builder().databaseUrl(database.url(dir)).recordQueries(true)
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.SCHEMA)).models(Memo.class).build();
        for (String tenant : TENANTS) {
            if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            db.tenants().create(tenant);
        }
        app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new CarafePlugin(db, carafe -> {
                carafe.tenantResolver = resolver;
                carafe.errorFormat = ErrorFormat.JSON;
                carafe.debugView = debugView;
            }));
            config.routes.get("/memos", ctx -> ctx.result(String.join(",",
                    db.session().scalars(db.select(Memo.class).orderBy("id")).stream().map(m -> m.text).toList())));
            config.routes.get("/t/{tenant}/memos", ctx -> ctx.result(String.join(",",
                    db.session().scalars(db.select(Memo.class).orderBy("id")).stream().map(m -> m.text).toList())));
            config.routes.get("/memos/{id}", ctx -> ctx.result(db.getOr404(Memo.class, ctx.pathParam("id")).text));
            config.routes.post("/memos", ctx -> {
                Memo memo = new Memo();
                memo.text = ctx.queryParam("text");
                db.session().add(memo);
                db.session().commit();
                ctx.result(String.valueOf(memo.id));
            });
        }).start(0);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null) app.stop();
        if (db != null) {
            for (int i = 0; i < 100 && db.openContexts() > 0; i++) Thread.sleep(10);
            try {
                for (String tenant : TENANTS) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (tenant != null) request.header("X-Tenant", tenant);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void eachRequestSeesOnlyTheRowsOfTheTenantItsHeaderNames(TestDatabase database) throws Exception {
        start(database, TenantResolver.header("X-Tenant"), false);
        send("POST", "/memos?text=first", "w_acme");
        send("POST", "/memos?text=second", "w_acme");
        String acmeSecret = send("POST", "/memos?text=acme-secret", "w_acme").body();
        send("POST", "/memos?text=globex-plan", "w_globex");

        assertThat(send("GET", "/memos", "w_acme").body()).isEqualTo("first,second,acme-secret");
        assertThat(send("GET", "/memos", "w_globex").body()).isEqualTo("globex-plan");
        assertThat(send("GET", "/memos/" + acmeSecret, "w_acme").body()).isEqualTo("acme-secret");
        HttpResponse<String> other = send("GET", "/memos/" + acmeSecret, "w_globex");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("acme");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aMissingTenantIs400AnInvalidOne400AndAnUnknownOne404(TestDatabase database) throws Exception {
        start(database, TenantResolver.header("X-Tenant"), false);
        HttpResponse<String> missing = send("GET", "/memos", null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"error\": \"Bad Request\", \"description\": \"This request names"
                + " no tenant.\"}");
        for (String hostile : List.of("w_acme;drop%20table%20memo", "W_ACME", "w_acme.memo", "..", "x".repeat(70))) {
            HttpResponse<String> invalid = send("GET", "/memos", hostile.replace("%20", " "));
            assertThat(invalid.statusCode()).as(hostile).isEqualTo(400);
            assertThat(invalid.body()).as(hostile).isEqualTo("{\"error\": \"Bad Request\", \"description\": "
                    + "\"The tenant id is not valid: a tenant id is a lower-case letter followed by up to 62 lower-case"
                    + " letters, digits or underscores.\"}");
        }
        HttpResponse<String> unknown = send("GET", "/memos", "w_nobody");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\": \"Not Found\", \"description\": \"There is no"
                + " tenant 'w_nobody'.\"}");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aPathSegmentCanNameTheTenant(TestDatabase database) throws Exception {
        start(database, TenantResolver.pathSegment(1), false);
        db.forTenant("w_globex").useTransaction(s -> {
            Memo memo = new Memo();
            memo.text = "globex-plan";
            s.add(memo);
        });
        assertThat(send("GET", "/t/w_globex/memos", null).body()).isEqualTo("globex-plan");
        assertThat(send("GET", "/t/w_acme/memos", null).body()).isEmpty();
        assertThat(send("GET", "/t/w_nobody/memos", null).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void theDebugViewShowsATenantOnlyItsOwnRequests(TestDatabase database) throws Exception {
        start(database, TenantResolver.header("X-Tenant"), true);
        send("POST", "/memos?text=acme-secret", "w_acme");
        send("POST", "/memos?text=globex-plan", "w_globex");
        String globexView = send("GET", "/_carafe?format=json", "w_globex").body();
        assertThat(globexView).contains("globex-plan").doesNotContain("acme-secret");
        assertThat(send("GET", "/_carafe?format=json", "w_acme").body()).contains("acme-secret").doesNotContain("globex-plan");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void concurrentRequestsOfManyTenantsNeverSeeAnotherTenantsRows(TestDatabase database) throws Exception {
        start(database, TenantResolver.header("X-Tenant"), false);
        ExecutorService clients = Executors.newFixedThreadPool(TENANTS.size() * 2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String tenant : TENANTS) {
                for (int client = 0; client < 2; client++) {
                    done.add(clients.submit(() -> {
                        for (int round = 0; round < 10; round++) {
                            assertThat(send("POST", "/memos?text=" + tenant, tenant).statusCode()).isEqualTo(200);
                            assertThat(send("GET", "/memos", tenant).body().split(",")).containsOnly(tenant);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> each : done) each.get(2, TimeUnit.MINUTES);
        } finally {
            clients.shutdownNow();
        }
        for (String tenant : TENANTS) assertThat(send("GET", "/memos", tenant).body().split(",")).hasSize(20);
    }
}
