package dev.carafe.servlet;

import dev.carafe.Carafe;
import dev.carafe.config.EngineOptions;
import dev.carafe.tenant.Tenancy;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Todo;
import dev.carafe.web.ErrorFormat;
import dev.carafe.web.TenantResolver;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The servlet filter opens each request's context for the tenant of the signed-in user's session. */
class TenantFilterTest {
    private Carafe db;
    private WebServer server;

    @AfterEach
    void stop() throws InterruptedException {
        try {
            if (server != null) server.close();
        } finally {
            for (int i = 0; i < 100 && db != null && db.openContexts() > 0; i++) Thread.sleep(10);
            if (db != null) LeakCheck.closeChecked(db);
        }
    }

    @Test
    void theTenantOfTheSignedInSessionScopesEveryRequest() {
        db = Carafe.builder().databaseUrl(TestDatabase.H2.url(null)).models(Todo.class)
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.SCHEMA)).build();
        db.tenants().create("acme");
        db.tenants().create("globex");
        db.forTenant("acme").useTransaction(session -> session.add(new Todo("acme's todo")));
        db.forTenant("globex").useTransaction(session -> session.add(new Todo("globex's todo")));
        CarafeFilter filter = new CarafeFilter(db, ErrorFormat.JSON, true)
                .tenantResolver(TenantResolver.sessionAttribute("tenant")).pathsWithoutTenant("/login");
        server = WebServer.create().filter(filter)
                .servlet("/login", (request, response) -> request.getSession(true)
                        .setAttribute("tenant", request.getParameter("tenant")))
                .servlet("/todos", (request, response) -> response.getWriter().print(String.join(",",
                        db.session().scalars(db.select(Todo.class)).stream().map(todo -> todo.title).toList())))
                .start();

        HttpResponse<String> anonymous = server.get("/todos");
        assertThat(server.get("/loginx").statusCode()).isEqualTo(400);
        assertThat(anonymous.statusCode()).isEqualTo(400);
        assertThat(anonymous.body()).isEqualTo("{\"error\": \"Bad Request\", \"description\": \"This request names no tenant.\"}");
        assertThat(todosAs(signIn("acme"))).isEqualTo("acme's todo");
        assertThat(todosAs(signIn("globex"))).isEqualTo("globex's todo");
        HttpResponse<String> unknown = server.send(server.request("/todos").header("Cookie", signIn("initech")).build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\": \"Not Found\", \"description\": \"There is no tenant 'initech'.\"}");
    }

    private String signIn(String tenant) {
        HttpResponse<String> login = server.get("/login?tenant=" + tenant);
        return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private String todosAs(String cookie) {
        return server.send(server.request("/todos").header("Cookie", cookie).build()).body();
    }
}
