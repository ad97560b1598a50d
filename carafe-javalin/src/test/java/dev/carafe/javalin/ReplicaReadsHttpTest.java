package dev.carafe.javalin;

import dev.carafe.Carafe;
import dev.carafe.config.EngineOptions;
import dev.carafe.replica.ReplicaReads;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.PgReplicaTopology;
import io.javalin.Javalin;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.hibernate.annotations.Formula;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes over real HTTP, with a Javalin app on a PostgreSQL primary and its standby: the
 * request that writes gets a cookie, and the client's next request reads its row even while the
 * standby's replay is paused; a client without the cookie reads the stale standby; a tampered
 * cookie reads from the primary and is no error.
 */
class ReplicaReadsHttpTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Carafe db;
    private Javalin app;
    private boolean paused;

    /** A note, with the port of the server that read it. */
    @Entity
    public static class HttpNote {
        @Id
        @GeneratedValue
        public Long id;
        public String text;
        @Formula("inet_server_port()")
        public Integer servedBy;
    }

    private void start() {
        PgReplicaTopology.assumeRunning();
        db = Carafe.builder().databaseUrl(PgReplicaTopology.PRIMARY_URL).instancePath(dir)
                .engineOptions(EngineOptions.defaults().replicaUrls(List.of(PgReplicaTopology.STANDBY_URL)))
                .models(HttpNote.class).build();
        db.dropAll();
        db.createAll();
        PgReplicaTopology.awaitStandbyCaughtUp();
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.routes.post("/notes", ctx -> {
                HttpNote note = new HttpNote();
                note.text = ctx.queryParam("text");
                db.session().add(note);
                db.session().commit();
                ctx.status(201).result(String.valueOf(note.id));
            });
            config.routes.get("/notes/{id}", ctx -> {
                HttpNote note = db.getOr404(HttpNote.class, ctx.pathParam("id"));
                ctx.result(note.text + " from " + note.servedBy);
            });
        }).start(0);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (paused) PgReplicaTopology.resumeReplay();
        if (app != null) app.stop();
        if (db != null) {
            for (int i = 0; i < 100 && db.openContexts() > 0; i++) Thread.sleep(10);
            try {
                db.dropAll();
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (cookie != null) request.header("Cookie", cookie);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theClientThatWroteReadsItsRowWhileTheStandbyLagsAndOthersReadTheStandby() throws Exception {
        start();
        HttpResponse<String> first = send("POST", "/notes?text=first", null);
        PgReplicaTopology.awaitStandbyCaughtUp();
        assertThat(send("GET", "/notes/" + first.body(), null).body()).isEqualTo("first from 5443");

        PgReplicaTopology.pauseReplay();
        paused = true;
        HttpResponse<String> created = send("POST", "/notes?text=mine", null);
        assertThat(created.statusCode()).isEqualTo(201);
        String setCookie = created.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(ReplicaReads.COOKIE + "=").contains("HttpOnly").contains("Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(send("GET", "/notes/" + created.body(), cookie).body()).isEqualTo("mine from 5442");
        assertThat(send("GET", "/notes/" + created.body(), null).statusCode()).isEqualTo(404);
        String tampered = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("A") ? "BB" : "AA");
        HttpResponse<String> withTampered = send("GET", "/notes/" + created.body(), tampered);
        assertThat(withTampered.statusCode()).isEqualTo(200);
        assertThat(withTampered.body()).isEqualTo("mine from 5442");
        assertThat(send("GET", "/notes/" + first.body(), "carafe-rw=garbage").statusCode()).isEqualTo(200);

        PgReplicaTopology.resumeReplay();
        paused = false;
        PgReplicaTopology.awaitStandbyCaughtUp();
        assertThat(send("GET", "/notes/" + created.body(), cookie).body()).isEqualTo("mine from 5443");
    }
}
