package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.pagination.PageRequest;
import dev.carafe.pagination.Pagination;
import dev.carafe.query.Select;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.util.Map;

/** flaskr's {@code blog} blueprint: the index of posts, and creating, updating and deleting one's own posts. */
final class Blog {
    /** Posts per page of the index, unless the query string asks for another number. */
    static final int PER_PAGE = 5;

    private final Carafe db;
    private final Auth auth;
    private final SignedSession sessions;
    private final Views views;

    Blog(Carafe db, Auth auth, SignedSession sessions, Views views) {
        this.db = db;
        this.auth = auth;
        this.sessions = sessions;
        this.views = views;
    }

    void index(Context ctx) {
        Select<Post> newestFirst = db.select(Post.class).fetch("author").orderByDesc("created", "id");
        PageRequest request = PageRequest.defaults().perPage(ctx.queryParam("per_page") == null ? PER_PAGE : null);
        Pagination<Post> posts = db.paginate(newestFirst, request);
        views.render(ctx, "index.jte", Map.of("posts", posts));
    }

    void createForm(Context ctx) {
        if (auth.requireUser(ctx) == null) return;
        views.render(ctx, "create.jte", Map.of("title", "", "body", ""));
    }

    void create(Context ctx) {
        User user = auth.requireUser(ctx);
        if (user == null) return;
        String title = Auth.field(ctx, "title");
        String body = Auth.field(ctx, "body");
        String error = validate(title);
        if (error != null) {
            sessions.flash(ctx, error);
            views.render(ctx, "create.jte", Map.of("title", title, "body", body));
            return;
        }
        db.session().add(new Post(user, title, body));
        db.session().commit();
        ctx.redirect("/");
    }

    void updateForm(Context ctx) {
        Post post = ownPost(ctx);
        if (post == null) return;
        views.render(ctx, "update.jte", Map.of("post", post, "title", post.title, "body", post.body));
    }

    void update(Context ctx) {
        Post post = ownPost(ctx);
        if (post == null) return;
        String title = Auth.field(ctx, "title");
        String body = Auth.field(ctx, "body");
        String error = validate(title);
        if (error != null) {
            sessions.flash(ctx, error);
            views.render(ctx, "update.jte", Map.of("post", post, "title", title, "body", body));
            return;
        }
        post.title = title;
        post.body = body;
        db.session().commit();
        ctx.redirect("/");
    }

    void delete(Context ctx) {
        Post post = ownPost(ctx);
        if (post == null) return;
        db.session().delete(post);
        db.session().commit();
        ctx.redirect("/");
    }

    /**
     * flaskr's {@code get_post}: login first (redirect), then 404 for a missing post, then 403
     * for someone else's.
     */
    private Post ownPost(Context ctx) {
        User user = auth.requireUser(ctx);
        if (user == null) return null;
        String id = ctx.pathParam("id");
        Post post = db.getOr404(Post.class, id, "Post id " + id + " doesn't exist.");
        if (!post.author.id.equals(user.id)) throw new ForbiddenResponse();
        return post;
    }

    private static String validate(String title) {
        if (title.isEmpty()) return "Title is required.";
        if (title.length() > Post.MAX_TITLE) return "Title is too long (at most " + Post.MAX_TITLE + " characters).";
        return null;
    }
}
