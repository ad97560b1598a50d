package dev.carafe;

import dev.carafe.config.ConfigException;
import dev.carafe.model.BindKey;
import dev.carafe.model.Model;
import dev.carafe.session.Session;
import dev.carafe.testing.JarOfModels;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.bindinherit.Admin;
import dev.carafe.testmodels.bindinherit.AuditEntry;
import dev.carafe.testmodels.bindinherit.AuthRecord;
import dev.carafe.testmodels.bindinherit.Intruder;
import dev.carafe.testmodels.bindinherit.Login;
import dev.carafe.testmodels.bindinherit.Staff;
import dev.carafe.testmodels.noid.Orphan;
import dev.carafe.testmodels.repr.K;
import dev.carafe.testmodels.repr.Plain;
import dev.carafe.testmodels.reserved.User;
import dev.carafe.testmodels.scan.Shelf;
import dev.carafe.testmodels.scan.sub.Drawer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelTest {
    /** Sources of the classes packed into jars by the scanning tests. */
    private static final Map<String, String> JAR_MODELS = Map.of(
            "dev.carafe.jarmodels.Crate", "@jakarta.persistence.Entity public class Crate {"
                    + " @jakarta.persistence.Id public Long id; }",
            "dev.carafe.jarmodels.inner.Lid", "@jakarta.persistence.Entity public class Lid {"
                    + " @jakarta.persistence.Id public Long id; }",
            "dev.carafe.jarmodels.Label", "public class Label {}");

    @TempDir
    Path dir;

    // ---- binds through inheritance ------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void subclassesInheritTheBindKeyOfAMappedSuperclassAndMayOverrideIt(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = threeBinds(database, Login.class, AuditEntry.class);
        try {
            assertThat(db.bindOf(Login.class)).isEqualTo("auth");
            assertThat(db.bindOf(AuditEntry.class)).isEqualTo("meta");
            assertThat(db.metadata("auth").tableNames()).containsExactly("login");
            assertThat(db.metadata("meta").tableNames()).containsExactly("audit_entry");
            assertThat(db.metadata().tableNames()).isEmpty();

            db.dropAll();
            db.createAll();
            db.useTransaction(session -> {
                session.add(new Login("ann"));
                session.add(new AuditEntry("login"));
            });
            db.useContext(() -> {
                Session session = db.session();
                assertThat(session.hibernate("auth").createSelectionQuery("from Login", Login.class).getResultList())
                        .extracting(login -> login.userName).containsExactly("ann");
                assertThat(session.hibernate("meta").createSelectionQuery("from AuditEntry", AuditEntry.class)
                        .getResultList()).extracting(entry -> entry.action).containsExactly("login");
            });
        } finally {
            db.dropAll();
            LeakCheck.closeChecked(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aJoinedChildLivesOnItsParentsBind(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = threeBinds(database, Staff.class, Admin.class);
        try {
            assertThat(db.bindOf(Admin.class)).isEqualTo("auth");
            assertThat(db.metadata("auth").tableNames()).containsExactly("admin", "staff");
            assertThat(db.metadata("meta").tableNames()).isEmpty();

            db.dropAll();
            db.createAll("auth");
            db.useTransaction(session -> session.add(new Admin(7L, "bob", 3)));
            db.useContext(() -> {
                Staff staff = db.session().get(Staff.class, 7L);
                assertThat(staff).isInstanceOf(Admin.class);
                assertThat(((Admin) staff).level).isEqualTo(3);
            });
        } finally {
            db.dropAll();
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aChildEntityOnAnotherBindThanItsParentFailsAtBuild() {
        assertThatThrownBy(() -> threeBinds(TestDatabase.H2, Staff.class, Intruder.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Model 'dev.carafe.testmodels.bindinherit.Intruder' uses bind 'meta', but its parent"
                        + " entity 'dev.carafe.testmodels.bindinherit.Staff' uses bind 'auth'. An entity hierarchy"
                        + " lives on one bind: remove the @BindKey from the subclass.");
    }

    @Test
    void aChildEntityWithoutItsParentFailsAtBuild() {
        assertThatThrownBy(() -> threeBinds(TestDatabase.H2, Admin.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Model 'dev.carafe.testmodels.bindinherit.Admin' extends the entity"
                        + " 'dev.carafe.testmodels.bindinherit.Staff', which is not registered. Register it too.");
    }

    @Test
    void registeringAClassThatIsNotAnEntityFailsAtBuild() {
        assertThatThrownBy(() -> threeBinds(TestDatabase.H2, AuthRecord.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Class 'dev.carafe.testmodels.bindinherit.AuthRecord' is not an entity: annotate it"
                        + " with @jakarta.persistence.Entity, or do not register it as a model.");
        assertThatThrownBy(() -> threeBinds(TestDatabase.H2, String.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Class 'java.lang.String' is not an entity: annotate it with"
                        + " @jakarta.persistence.Entity, or do not register it as a model.");
    }

    @Test
    void aProblemHibernateFindsAfterMappingFailsTheBindsFirstUseAndNamesTheBind() {
        Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).models(dev.carafe.testmodels.Todo.class)
                .hibernateSetting("hibernate.session_factory.interceptor", "com.example.NoSuchInterceptor").build();
        try {
            assertThatThrownBy(() -> db.useContext(() -> db.session().get(dev.carafe.testmodels.Todo.class, 1L)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("Bind 'default': Hibernate could not start: ")
                    .hasMessageContaining("com.example.NoSuchInterceptor")
                    .hasMessageEndingWith(" Check the mapping of this bind's models and the settings given to"
                            + " hibernateSetting(...).")
                    .hasCauseInstanceOf(org.hibernate.HibernateException.class);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aModelWithoutAPrimaryKeyFailsAtBuildWithHibernatesMessage() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).models(Orphan.class).build())
                .isInstanceOf(org.hibernate.AnnotationException.class)
                .hasMessage("Entity 'dev.carafe.testmodels.noid.Orphan' has no identifier (every '@Entity' class must"
                        + " declare or inherit at least one '@Id' or '@EmbeddedId' property)");
    }

    // ---- package scanning ---------------------------------------------------------------------

    @Test
    void scanningAPackageFindsExactlyItsEntitiesAndThoseOfItsSubPackages() {
        Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).scan("dev.carafe.testmodels.scan").build();
        try {
            assertThat(db.models()).containsExactlyInAnyOrder(Shelf.class, Drawer.class);
            assertThat(db.metadata().tableNames()).containsExactly("drawer", "shelf");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void scannedAndListedModelsAreRegisteredOnce() {
        Carafe db = Carafe.builder()
                .databaseUrl(TestDatabase.H2.url(dir))
                .models(Shelf.class)
                .scan("dev.carafe.testmodels.scan", "dev.carafe.testmodels.scan.sub")
                .build();
        try {
            assertThat(db.models()).containsExactlyInAnyOrder(Shelf.class, Drawer.class);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void scanningFindsEntitiesInsideJars() throws Exception {
        Path jar = JarOfModels.build(dir, true, JAR_MODELS);
        withContextClassLoader(jar, () -> {
            Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).scan("dev.carafe.jarmodels").build();
            try {
                assertThat(db.models()).extracting(Class::getName)
                        .containsExactlyInAnyOrder("dev.carafe.jarmodels.Crate", "dev.carafe.jarmodels.inner.Lid");
                assertThat(db.metadata().tableNames()).containsExactly("crate", "lid");
            } finally {
                LeakCheck.closeChecked(db);
            }
        });
    }

    @Test
    void scanningAPackageWithoutEntitiesFailsAtBuild() throws Exception {
        String expected = "Package '%s' holds no @Entity classes. Check the name given to scan(...) or"
                + " scan-packages; in a jar, a package is only found when the jar has directory entries (Maven's"
                + " and Gradle's default).";
        for (String packageName : List.of("dev.carafe.testmodels.nosuchpackage", "dev.carafe.testing")) {
            assertThatThrownBy(() -> Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).scan(packageName).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(expected.formatted(packageName));
        }
        Path jar = JarOfModels.build(dir, false, JAR_MODELS);
        withContextClassLoader(jar, () -> assertThatThrownBy(() -> Carafe.builder()
                .databaseUrl(TestDatabase.H2.url(dir)).scan("dev.carafe.jarmodels").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage(expected.formatted("dev.carafe.jarmodels")));
    }

    private static void withContextClassLoader(Path jar, Runnable work) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            work.run();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    // ---- toString -----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aModelDescribesItselfByItsPrimaryKey(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(User.class, K.class).build();
        try {
            db.dropAll();
            db.createAll();
            db.useContext(() -> {
                Session session = db.session();
                User user = new User("ann");
                assertThat(user.toString()).isEqualTo("<User (transient " + System.identityHashCode(user) + ")>");
                session.add(user);
                session.flush();
                assertThat(user.toString()).isEqualTo("<User 1>");

                K key = session.add(new K(1L, "x"));
                session.flush();
                assertThat(key.toString()).isEqualTo("<K 1, x>");
                session.commit();

                session.delete(user);
                session.flush();
                assertThat(user.toString()).isEqualTo("<User 1>");
                session.rollback();
            });
            db.useContext(() -> {
                User proxy = db.session().hibernate(User.class).getReference(User.class, 1L);
                assertThat(proxy.toString()).isEqualTo("<User 1>");
            });
        } finally {
            db.dropAll();
            LeakCheck.closeChecked(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aModelNeedNotExtendModel(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Plain.class).build();
        try {
            db.dropAll();
            db.createAll();
            Long id = db.inTransaction(session -> session.add(new Plain("plain")).id);
            db.useContext(() -> {
                Plain plain = db.session().get(Plain.class, id);
                assertThat(plain.label).isEqualTo("plain");
                assertThat(plain.toString()).startsWith(Plain.class.getName() + "@");
            });
        } finally {
            db.dropAll();
            LeakCheck.closeChecked(db);
        }
    }

    private Carafe threeBinds(TestDatabase database, Class<?>... models) {
        return Carafe.builder()
                .databaseUrl(database.url(dir))
                .bind("auth", database.url(dir))
                .bind("meta", database.url(dir))
                .models(models)
                .build();
    }
}
