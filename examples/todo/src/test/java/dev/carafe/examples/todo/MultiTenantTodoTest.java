package dev.carafe.examples.todo;

import dev.carafe.Carafe;
import dev.carafe.config.CarafeConfig;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The todo app made multi-tenant by configuration alone: CARAFE_TENANCY=schema, TENANT_FROM=header, TENANTS. */
class MultiTenantTodoTest {
    private static final List<String> TENANTS = List.of("todo_acme", "todo_globex");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void eachTenantHasItsOwnTodoList(TestDatabase database) throws Exception {
        database.assumeAvailable();
        Map<String, String> environment = Map.of("CARAFE_DATABASE_URL", database.url(dir), "CARAFE_TENANCY", "schema",
                "TENANT_FROM", "header", "TENANTS", String.join(",", TENANTS));
        Carafe db = TodoApp.openDatabase(CarafeConfig.load(dir, environment));
        Javalin app = null;
        try {
            for (String tenant : TENANTS) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            TodoApp.migrate(db, environment);
            assertThat(db.tenants().list()).containsAll(TENANTS);
            app = TodoApp.create(db, environment).start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + app.port();

            assertThat(post(base, "todo_acme", "acme's launch plan").statusCode()).isEqualTo(302);
            assertThat(post(base, "todo_globex", "globex's merger").statusCode()).isEqualTo(302);
            assertThat(get(base, "todo_acme").body()).contains("acme's launch plan").doesNotContain("globex");
            assertThat(get(base, "todo_globex").body()).contains("globex's merger").doesNotContain("acme");
            assertThat(get(base, null).statusCode()).isEqualTo(400);
            assertThat(get(base, "todo_initech").statusCode()).isEqualTo(404);
            assertThat(get(base, "todo_acme\"; drop table todo").statusCode()).isEqualTo(400);
        } finally {
            if (app != null) app.stop();
            try {
                for (String tenant : TENANTS) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    private HttpResponse<String> get(String base, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/")).GET();
        if (tenant != null) request.header("X-Tenant", tenant);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String base, String tenant, String title) throws Exception {
        String form = "title=" + URLEncoder.encode(title, StandardCharsets.UTF_8) + "&text=details";
        return http.send(HttpRequest.newBuilder(URI.create(base + "/new")).header("X-Tenant", tenant)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
