package com.example.blog;

import dev.carafe.Carafe;
import dev.carafe.pagination.Pagination;
import dev.carafe.testmodels.blog.Post;
import io.javalin.http.Context;
import java.util.List;

/**
 * An application's handlers, outside Carafe's packages, so recorded locations point here. The
 * tests find the lines by the comments that end them: keep one such comment per line.
 */
public final class PostViews {
    private final Carafe db;

    public PostViews(Carafe db) {
        this.db = db;
    }

    /** Lists every post with its author and counts each author's posts with a query per row: the classic N+1. */
    public void listCountingEachAuthorsPosts(Context ctx) {
        List<Post> posts = db.session().scalars(db.select(Post.class).fetch("author").orderBy("id")); // [posts]
        StringBuilder out = new StringBuilder();
        for (Post post : posts) {
            long count = db.query(Post.class).filterBy("author", post.author).count(); // [authors]
            out.append(post.title).append(" by ").append(post.author.name()).append(" (").append(count).append(")\n");
        }
        ctx.result(out.toString());
    }

    /** Lists the first page of posts with their authors, loaded in the same statement. */
    public void listFetchingAuthors(Context ctx) {
        Pagination<Post> page = db.paginate(db.select(Post.class).fetch("author").orderBy("id")); // [page]
        StringBuilder out = new StringBuilder();
        for (Post post : page.items()) {
            out.append(post.title).append(" by ").append(post.author.name()).append('\n');
        }
        ctx.result(out.toString());
    }

    /** Finds the posts with a title, given in the query string. */
    public void search(Context ctx) {
        List<Post> posts = db.session().scalars(db.select(Post.class).filterBy("title", ctx.queryParam("title")));
        ctx.result(posts.size() + " found");
    }
}
