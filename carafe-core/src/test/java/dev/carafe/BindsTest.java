package dev.carafe;

import dev.carafe.bind.Binds;
import dev.carafe.config.ConfigException;
import dev.carafe.model.BindKey;
import dev.carafe.model.Model;
import dev.carafe.session.Session;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Account;
import dev.carafe.testmodels.Note;
import dev.carafe.testmodels.Todo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BindsTest {
    @TempDir
    Path instance;

    @Test
    void oneProgramUsesThreeBindsOnThreeDatabases() {
        TestDatabase.POSTGRESQL.assumeAvailable();
        Carafe db = Carafe.builder()
                .databaseUrl("postgresql://postgres@127.0.0.1:5432/" + TestDatabase.DATABASE)
                .bind("auth", "sqlite:///auth.db")
                .bind("meta", "jdbc:h2:mem:binds-meta")
                .instancePath(instance)
                .models(Todo.class, Account.class, Note.class)
                .build();
        try {
            db.dropAll();
            db.createAll();
            assertThat(instance.resolve("auth.db")).exists();

            db.useTransaction(session -> {
                session.add(new Todo("on postgres"));
                session.add(new Account("on sqlite"));
                session.add(new Note("on h2"));
            });

            db.useContext(() -> {
                Session session = db.session();
                assertThat(session.hibernate(Todo.class).createSelectionQuery("from Todo", Todo.class).getResultList())
                        .extracting(t -> t.title).containsExactly("on postgres");
                assertThat(session.hibernate("auth").createSelectionQuery("from Account", Account.class).getResultList())
                        .extracting(a -> a.userName).containsExactly("on sqlite");
                assertThat(session.hibernate("meta").createSelectionQuery("from Note", Note.class).getResultList())
                        .extracting(n -> n.body).containsExactly("on h2");
            });

            db.dropAll("meta");
            db.reflect();
            assertThat(db.metadata("meta").table("note")).get().matches(t -> !t.reflected());
            assertThat(db.metadata().table("todo")).get().matches(t -> t.reflected());
            assertThat(db.metadata("auth").table("account")).get().matches(t -> t.reflected());
        } finally {
            db.dropAll(Binds.DEFAULT);
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void eachModelIsRoutedToTheEngineOfItsBind() {
        Carafe db = Carafe.builder()
                .databaseUrl("jdbc:h2:mem:route-default")
                .bind("auth", "jdbc:h2:mem:route-auth")
                .bind("meta", "sqlite://")
                .models(Todo.class, Account.class, Note.class)
                .build();
        try {
            assertThat(db.bindOf(Todo.class)).isEqualTo(Binds.DEFAULT);
            assertThat(db.bindOf(Account.class)).isEqualTo("auth");
            assertThat(db.bindOf(Note.class)).isEqualTo("meta");
            assertThat(db.engine()).isSameAs(db.engine(Binds.DEFAULT)).isNotSameAs(db.engine("auth"));
            assertThat(db.engines()).containsOnlyKeys(Binds.DEFAULT, "auth", "meta");
            db.createAll("auth");
            db.useContext(() -> {
                db.session().add(new Account("x"));
                db.session().flush();
                assertThat(db.engine("auth").activeConnections()).isEqualTo(1);
                assertThat(db.engine().activeConnections()).isZero();
                db.session().rollback();
            });
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aModelOnAnUnconfiguredBindFailsAtBuild() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl("jdbc:h2:mem:x").models(Account.class).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Model 'dev.carafe.testmodels.Account' uses @BindKey(\"auth\"), but bind 'auth' is not"
                        + " configured. Configured binds: [default]. Add binds.auth.url=... (or"
                        + " Carafe.builder().bind(\"auth\", url)), or fix the key.");
    }

    @Test
    void aModelOnTheDefaultBindNeedsADatabaseUrl() {
        assertThatThrownBy(() -> Carafe.builder().bind("auth", "sqlite://").models(Todo.class).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Model 'dev.carafe.testmodels.Todo' lives on the default bind, but"
                        + " 'database-url' is not set.");
    }

    @Test
    void withoutADefaultURLTheBindsStillWork() throws Exception {
        Carafe db = Carafe.builder().bind("auth", "sqlite:///only.db").instancePath(instance).models(Account.class).build();
        try {
            assertThat(db.engines()).containsOnlyKeys("auth");
            assertThatThrownBy(db::engine).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("There is no default engine");
            db.createAll();
            assertThat(Files.exists(instance.resolve("only.db"))).isTrue();
            assertThat(db.toString()).isEqualTo("<Carafe (No default engine) +1 engines>");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }
}
