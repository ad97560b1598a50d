package dev.carafe.examples.todo;

import dev.carafe.Carafe;
import dev.carafe.session.Session;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three pages of the example, Flask's {@code show_all}, {@code new} and {@code update_done}.
 * Each request runs in its own Carafe context (CarafePlugin), so {@code db.session()} is the
 * request's session, and whatever a handler does not commit is rolled back.
 */
final class TodoRoutes {
    private final Carafe db;
    private final Templates templates;

    TodoRoutes(Carafe db, Templates templates) {
        this.db = db;
        this.templates = templates;
    }

    /** {@code GET /}: every todo, newest first. */
    void showAll(Context ctx) {
        List<Todo> todos = db.session().scalars(db.select(Todo.class).orderByDesc("pubDate"));
        templates.render(ctx, "show_all.jte", Map.of("flashes", Flashes.take(ctx), "todos", todos));
    }

    /** {@code GET /new}: an empty form. */
    void newForm(Context ctx) {
        renderNew(ctx, NewTodoForm.blank());
    }

    /** {@code POST /new}: saves the todo and goes back to the list, or shows the form with the problem. */
    void create(Context ctx) {
        NewTodoForm form = NewTodoForm.from(ctx);
        String problem = form.firstProblem();
        if (problem != null) {
            Flashes.add(ctx, FlashMessage.error(problem));
            renderNew(ctx, form);
            return;
        }
        Session session = db.session();
        session.add(new Todo(form.title(), form.text()));
        session.commit();
        Flashes.add(ctx, FlashMessage.info("Todo item was successfully created"));
        ctx.redirect("/");
    }

    /** {@code POST /update}: a todo is done exactly when its box {@code done.<id>} was checked. */
    void update(Context ctx) {
        Set<String> fields = FormFields.of(ctx).keySet();
        Session session = db.session();
        for (Todo todo : session.scalars(db.select(Todo.class))) {
            todo.setDone(fields.contains("done." + todo.getId()));
        }
        Flashes.add(ctx, FlashMessage.info("Updated status"));
        session.commit();
        ctx.redirect("/");
    }

    private void renderNew(Context ctx, NewTodoForm form) {
        templates.render(ctx, "new.jte", Map.of("flashes", Flashes.take(ctx), "title", form.title(), "text", form.text()));
    }
}
