package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.observe.NPlusOneException;
import dev.carafe.observe.NPlusOneMode;
import dev.carafe.test.models.Tag;
import dev.carafe.test.models.Todo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** N+1 detection switched to raise for a block, or for a test class, on a db built with it off. */
class NPlusOneTest {
    static Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(null)).models(Todo.class, Tag.class).build();
    static JettyApp app;

    @BeforeAll
    static void start() throws Exception {
        db.createAll();
        db.useTransaction(session -> {
            for (int i = 0; i < 12; i++) session.add(new Tag("tag " + i, session.add(new Todo("todo " + i))));
        });
        app = new JettyApp(db).route("/tags", request -> String.join(",", tagTitles())).start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        db.close();
    }

    /** Looks up each tag's todo with a query of its own: one statement per tag, which batch fetching cannot save. */
    static List<String> tagTitles() {
        List<String> titles = new ArrayList<>();
        for (Tag tag : db.session().scalars(db.select(Tag.class).orderBy("id"))) {
            titles.add(db.query(Todo.class).filterBy("title", tag.todo.title()).first().title());
        }
        return titles;
    }

    @Nested
    class ForABlock {
        @RegisterExtension
        final CarafeExtension carafe = CarafeExtension.of(db);

        @Test
        void anNPlusOneInARequestTheBlockSentFailsTheBlock() {
            assertThatThrownBy(() -> carafe.nPlusOne(NPlusOneMode.RAISE, () -> app.get("/tags")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("A request the block sent ran into an N+1 pattern: ")
                    .hasMessageContaining("dev.carafe.test.NPlusOneTest.tagTitles(NPlusOneTest.java:");
        }

        @Test
        void outsideTheBlockTheConfiguredModeHolds() throws Exception {
            carafe.nPlusOne(NPlusOneMode.WARN, () -> app.get("/tags"));

            assertThat(app.get("/tags").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class ForAClass {
        @RegisterExtension
        final CarafeExtension carafe = CarafeExtension.of(db).nPlusOne(NPlusOneMode.RAISE);

        @Test
        void anNPlusOneOnTheTestsThreadRaises() {
            assertThatThrownBy(() -> db.useContext(NPlusOneTest::tagTitles)).isInstanceOf(NPlusOneException.class);
        }
    }
}
