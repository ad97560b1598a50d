package dev.carafe.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carafe.Carafe;
import dev.carafe.config.CarafeConfig;
import dev.carafe.config.EngineOptions;
import dev.carafe.error.NotFoundException;
import dev.carafe.javalin.CarafePlugin;
import dev.carafe.pagination.Pagination;
import dev.carafe.session.IntegrityException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The Carafe target of the bench contract (../shared/bench/CONTRACT.md), written the way the
 * README teaches: Carafe + Javalin, two models, {@code db.getOr404}, {@code db.paginate} with
 * {@code fetch("author")}, and a commit. No hand-written SQL, no caching.
 */
public final class BenchApp {
    record UserJson(long id, String username, String email) {}

    record AuthorJson(long id, String username) {}

    record PostJson(long id, String title, AuthorJson author) {}

    record PostPage(List<PostJson> items, int page, @JsonProperty("per_page") int perPage, long total, long pages) {}

    record ErrorJson(String error) {}

    private final Carafe db;
    private final ObjectMapper mapper;

    BenchApp(Carafe db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    /**
     * Serves the contract on {@code BENCH_PORT} against {@code BENCH_DATABASE_URL}.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Carafe db = database(System.getenv("BENCH_DATABASE_URL"));
        int port = Integer.parseInt(System.getenv("BENCH_PORT"));
        create(db).start("127.0.0.1", port);
    }

    /**
     * Builds the db object: the contract's pool of at most 10 connections. Carafe's environment
     * variables apply, so {@code CARAFE_RECORD_QUERIES=true} measures the cost of recording.
     *
     * @param url a JDBC URL
     * @return the db object
     */
    public static Carafe database(String url) {
        return Carafe.builder().config(CarafeConfig.load()).databaseUrl(url)
                .engineOptions(EngineOptions.defaults().poolSize(10)).models(User.class, Post.class).build();
    }

    /**
     * Creates the app (not started).
     *
     * @param db the db object
     * @return the Javalin app
     */
    public static Javalin create(Carafe db) {
        ObjectMapper mapper = new ObjectMapper();
        BenchApp api = new BenchApp(db, mapper);
        return Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.routes.get("/users/{id}", api::getUser);
            config.routes.get("/posts", api::listPosts);
            config.routes.post("/users", api::createUser);
            // The contract wants JSON errors whatever the client accepts.
            config.routes.exception(NotFoundException.class,
                    (e, ctx) -> ctx.status(404).json(new ErrorJson(e.description())));
        });
    }

    void getUser(Context ctx) {
        User user = db.getOr404(User.class, ctx.pathParam("id"));
        ctx.json(new UserJson(user.id, user.username, user.email));
    }

    void listPosts(Context ctx) {
        Pagination<Post> page = db.paginate(db.select(Post.class).fetch("author").orderByDesc("id"));
        List<PostJson> items = page.items().stream()
                .map(p -> new PostJson(p.id, p.title, new AuthorJson(p.author.id, p.author.username))).toList();
        ctx.json(new PostPage(items, page.page(), page.perPage(), page.total(), page.pages()));
    }

    void createUser(Context ctx) {
        JsonNode body;
        try {
            body = mapper.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            body = null;
        }
        String username = body != null && body.isObject() ? text(body, "username", 80) : null;
        String email = body != null && body.isObject() ? text(body, "email", 120) : null;
        if (username == null || email == null) {
            ctx.status(400).json(new ErrorJson("username (1-80 chars) and email (1-120 chars) are required"));
            return;
        }
        User user = new User(username, email, LocalDateTime.now(ZoneOffset.UTC));
        try {
            db.session().add(user);
            db.session().commit();
        } catch (IntegrityException e) {
            ctx.status(409).json(new ErrorJson("username already exists"));
            return;
        }
        ctx.status(201).json(new UserJson(user.id, user.username, user.email));
    }

    private static String text(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) return null;
        String text = value.textValue();
        return text.isEmpty() || text.length() > maxLength ? null : text;
    }
}
