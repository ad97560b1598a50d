package dev.carafe.javalin;

import dev.carafe.Carafe;
import dev.carafe.config.EngineOptions;
import dev.carafe.replica.ReplicaReads;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.MariaDbReplicaTopology;
import dev.carafe.testing.PgReplicaTopology;
import io.javalin.Javalin;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.hibernate.annotations.Formula;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes over real HTTP, with a Javalin app on a PostgreSQL primary and its standby, and
 * on a MariaDB primary and its GTID replica: the request that writes gets a cookie, and the
 * client's next request reads its row even while the replica's replay is paused; a client without
 * the cookie reads the stale replica; a tampered cookie reads from the primary and is no error.
 */
class ReplicaReadsHttpTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Carafe db;
    private Javalin app;
    private boolean paused;

    /** A note; its subclass tells the port of the server that read it. */
    @MappedSuperclass
    public abstract static class NoteBase {
        @Id
        @GeneratedValue
        public Long id;
        public String text;

        abstract Integer servedBy();
    }

    /** A note on PostgreSQL. */
    @Entity
    public static class HttpNote extends NoteBase {
        @Formula("inet_server_port()")
        public Integer servedBy;

        @Override
        Integer servedBy() {
            return servedBy;
        }
    }

    /** A note on MariaDB. */
    @Entity
    public static class GtidHttpNote extends NoteBase {
        @Formula("@@port")
        public Integer servedBy;

        @Override
        Integer servedBy() {
            return servedBy;
        }
    }

    /** The primary and replica pairs of .ci/topology, with the ports the notes report. */
    enum Topology {
        POSTGRESQL(PgReplicaTopology.PRIMARY_URL, PgReplicaTopology.STANDBY_URL, 5442, 5443, HttpNote.class),
        MARIADB(MariaDbReplicaTopology.PRIMARY_URL, MariaDbReplicaTopology.REPLICA_URL,
                MariaDbReplicaTopology.PRIMARY_PORT, MariaDbReplicaTopology.REPLICA_PORT, GtidHttpNote.class);

        final String primaryUrl;
        final String replicaUrl;
        final int primary;
        final int replica;
        final Class<? extends NoteBase> model;

        Topology(String primaryUrl, String replicaUrl, int primary, int replica, Class<? extends NoteBase> model) {
            this.primaryUrl = primaryUrl;
            this.replicaUrl = replicaUrl;
            this.primary = primary;
            this.replica = replica;
            this.model = model;
        }

        void assumeRunning() {
            if (this == POSTGRESQL) PgReplicaTopology.assumeRunning();
            else MariaDbReplicaTopology.assumeRunning();
        }

        void awaitCaughtUp() {
            if (this == POSTGRESQL) PgReplicaTopology.awaitStandbyCaughtUp();
            else MariaDbReplicaTopology.awaitReplicaCaughtUp();
        }

        void pauseReplay() {
            if (this == POSTGRESQL) PgReplicaTopology.pauseReplay();
            else MariaDbReplicaTopology.pauseReplay();
        }

        void resumeReplay() {
            if (this == POSTGRESQL) PgReplicaTopology.resumeReplay();
            else MariaDbReplicaTopology.resumeReplay();
        }
    }

    private Topology topology;

    private void start(Topology pair) {
        topology = pair;
        pair.assumeRunning();
        db = Carafe.builder().databaseUrl(pair.primaryUrl).instancePath(dir)
                .engineOptions(EngineOptions.defaults().replicaUrls(List.of(pair.replicaUrl)))
                .models(pair.model).build();
        db.dropAll();
        db.createAll();
        pair.awaitCaughtUp();
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.routes.post("/notes", ctx -> {
                NoteBase note = pair.model.getDeclaredConstructor().newInstance();
                note.text = ctx.queryParam("text");
                db.session().add(note);
                db.session().commit();
                ctx.status(201).result(String.valueOf(note.id));
            });
            config.routes.get("/notes/{id}", ctx -> {
                NoteBase note = db.getOr404(pair.model, ctx.pathParam("id"));
                ctx.result(note.text + " from " + note.servedBy());
            });
        }).start(0);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (paused) topology.resumeReplay();
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

    @ParameterizedTest
    @EnumSource(Topology.class)
    void theClientThatWroteReadsItsRowWhileTheReplicaLagsAndOthersReadTheReplica(Topology pair) throws Exception {
        start(pair);
        String fromPrimary = " from " + pair.primary;
        String fromReplica = " from " + pair.replica;
        HttpResponse<String> first = send("POST", "/notes?text=first", null);
        pair.awaitCaughtUp();
        assertThat(send("GET", "/notes/" + first.body(), null).body()).isEqualTo("first" + fromReplica);

        pair.pauseReplay();
        paused = true;
        HttpResponse<String> created = send("POST", "/notes?text=mine", null);
        assertThat(created.statusCode()).isEqualTo(201);
        String setCookie = created.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(ReplicaReads.COOKIE + "=").contains("HttpOnly").contains("Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(send("GET", "/notes/" + created.body(), cookie).body()).isEqualTo("mine" + fromPrimary);
        assertThat(send("GET", "/notes/" + created.body(), null).statusCode()).isEqualTo(404);
        String tampered = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("A") ? "BB" : "AA");
        HttpResponse<String> withTampered = send("GET", "/notes/" + created.body(), tampered);
        assertThat(withTampered.statusCode()).isEqualTo(200);
        assertThat(withTampered.body()).isEqualTo("mine" + fromPrimary);
        assertThat(send("GET", "/notes/" + first.body(), "carafe-rw=garbage").statusCode()).isEqualTo(200);

        pair.resumeReplay();
        paused = false;
        pair.awaitCaughtUp();
        assertThat(send("GET", "/notes/" + created.body(), cookie).body()).isEqualTo("mine" + fromReplica);
    }
}
