package dev.carafe.tenant;

import dev.carafe.Carafe;
import dev.carafe.config.EngineOptions;
import dev.carafe.error.BadRequestException;
import dev.carafe.error.NotFoundException;
import dev.carafe.model.Model;
import dev.carafe.observe.RecordedQuery;
import dev.carafe.pagination.KeysetPage;
import dev.carafe.pagination.PageRequest;
import dev.carafe.query.Select;
import dev.carafe.session.DbContext;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Schema tenancy (a schema per tenant; a database per tenant on MariaDB) on one shared pool: every
 * entry point sees only the rows of its context's tenant.
 */
class TenancyTest {
    @TempDir
    Path dir;

    @Entity
    public static class Memo extends Model {
        @Id
        @GeneratedValue
        public Long id;

        public String text;

        public Memo() {}

        Memo(String text) {
            this.text = text;
        }
    }

    static Carafe start(TestDatabase database, Path dir, String... tenants) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir))
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.SCHEMA))
                .recordQueries(true).models(Memo.class).build();
        for (String tenant : tenants) {
            if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            db.tenants().create(tenant);
        }
        return db;
    }

    static void dropAndClose(Carafe db, String... tenants) {
        try {
            for (String tenant : tenants) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void eachTenantSeesOnlyItsOwnRows(TestDatabase database) {
        Carafe db = start(database, dir, "t_acme", "t_globex");
        try {
            Long acmeId = acmeRowWithAnIdGlobexLacks(db);

            db.forTenant("t_globex").useContext(() -> {
                assertThat(db.session().get(Memo.class, acmeId)).isNull();
                assertThat(db.session().get(Memo.class, 1L).text).isEqualTo("globex's plan");
                assertThatThrownBy(() -> db.getOr404(Memo.class, acmeId)).isInstanceOf(NotFoundException.class);
                assertThat(db.session().scalars(db.select(Memo.class))).extracting(m -> m.text).containsExactly("globex's plan");
                assertThat(db.session().scalars(db.select("from Memo m where m.text like '%secret%'", Memo.class))).isEmpty();
                assertThat(db.query(Memo.class).all()).extracting(m -> m.text).containsExactly("globex's plan");
                assertThat(db.paginate(db.select(Memo.class), PageRequest.of(1, 10)).items())
                        .extracting(m -> m.text).containsExactly("globex's plan");
            });
            db.forTenant("t_acme").useContext(() -> assertThat(db.session().get(Memo.class, acmeId).text)
                    .isEqualTo("acme's secret"));
        } finally {
            dropAndClose(db, "t_acme", "t_globex");
        }
    }

    /** Three rows for acme, one for globex: acme's third id is one globex does not have. */
    private static Long acmeRowWithAnIdGlobexLacks(Carafe db) {
        db.forTenant("t_acme").useTransaction(s -> s.addAll(List.of(new Memo("acme's first"), new Memo("acme's second"))));
        Long acmeId = db.forTenant("t_acme").inTransaction(s -> s.add(new Memo("acme's secret")).id);
        db.forTenant("t_globex").useTransaction(s -> s.add(new Memo("globex's plan")));
        return acmeId;
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aTenantCannotWriteIntoAnotherTenantsRows(TestDatabase database) {
        Carafe db = start(database, dir, "t_acme", "t_globex");
        try {
            Long acmeId = acmeRowWithAnIdGlobexLacks(db);
            Memo loaded = db.forTenant("t_acme").withContext(() -> db.session().get(Memo.class, acmeId));
            loaded.text = "overwritten by globex";
            assertThatThrownBy(() -> db.forTenant("t_globex").useTransaction(s -> s.add(loaded)))
                    .isInstanceOf(jakarta.persistence.OptimisticLockException.class);
            int deleted = db.forTenant("t_globex").inTransaction(s -> s.hibernate()
                    .createMutationQuery("delete from Memo m where m.id = :id").setParameter("id", acmeId).executeUpdate());
            assertThat(deleted).isZero();
            db.forTenant("t_acme").useContext(() -> assertThat(db.session().get(Memo.class, acmeId).text)
                    .isEqualTo("acme's secret"));
        } finally {
            dropAndClose(db, "t_acme", "t_globex");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aKeysetCursorMadeForOneTenantIsRefusedInAnother(TestDatabase database) {
        Carafe db = start(database, dir, "t_acme", "t_globex");
        try {
            for (String tenant : List.of("t_acme", "t_globex")) {
                db.forTenant(tenant).useTransaction(s -> {
                    for (int i = 0; i < 5; i++) s.add(new Memo(tenant + " " + i));
                });
            }
            Select<Memo> select = db.select(Memo.class).orderBy("id");
            String cursor = db.forTenant("t_acme").withContext(() -> {
                KeysetPage<Memo> first = db.paginateKeyset(select, null, 2);
                return first.nextCursor();
            });
            assertThatThrownBy(() -> db.forTenant("t_globex").useContext(() -> db.paginateKeyset(select, cursor, 2)))
                    .isInstanceOf(BadRequestException.class);
            db.forTenant("t_acme").useContext(() -> assertThat(db.paginateKeyset(select, cursor, 2).items())
                    .extracting(m -> m.text).containsExactly("t_acme 2", "t_acme 3"));
        } finally {
            dropAndClose(db, "t_acme", "t_globex");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aContextRecordsOnlyItsOwnTenantsStatements(TestDatabase database) {
        Carafe db = start(database, dir, "t_acme", "t_globex");
        try {
            try (DbContext acme = db.forTenant("t_acme").context()) {
                db.session().scalars(db.select(Memo.class).filterBy("text", "acme only"));
                db.forTenant("t_globex").useContext(() -> {
                    db.session().scalars(db.select(Memo.class).filterBy("text", "globex only"));
                    assertThat(db.recordedQueries()).extracting(RecordedQuery::parameters)
                            .noneMatch(p -> p.toString().contains("acme only"));
                });
                assertThat(acme.tenant()).isEqualTo("t_acme");
                assertThat(db.recordedQueries()).extracting(RecordedQuery::parameters)
                        .noneMatch(p -> p.toString().contains("globex only"));
            }
        } finally {
            dropAndClose(db, "t_acme", "t_globex");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void modificationListenersHearEachChangeInTheContextOfItsTenant(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).trackModifications(true)
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.SCHEMA)).models(Memo.class).build();
        try {
            for (String tenant : List.of("t_acme", "t_globex")) {
                if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
                db.tenants().create(tenant);
            }
            List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            db.onModelsCommitted(changes -> changes.forEach(change -> heard.add(db.currentContext().tenant() + ":"
                    + ((Memo) change.model()).text + ":" + db.session().scalars(db.select(Memo.class)).size())));
            db.forTenant("t_acme").useTransaction(s -> s.addAll(List.of(new Memo("a1"), new Memo("a2"))));
            db.forTenant("t_globex").useTransaction(s -> s.add(new Memo("g1")));
            assertThat(heard).containsExactly("t_acme:a1:2", "t_acme:a2:2", "t_globex:g1:1");
        } finally {
            dropAndClose(db, "t_acme", "t_globex");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aBindWithTenancyRefusesAContextWithoutATenant(TestDatabase database) {
        Carafe db = start(database, dir, "t_acme");
        try {
            assertThatThrownBy(() -> db.useContext(() -> db.session().scalars(db.select(Memo.class))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Bind 'default' keeps its tenants apart (tenancy=schema), and this context has no tenant."
                            + " Open the context for one: db.forTenant(id).useContext(() -> ...), or give the web plugin"
                            + " a tenant resolver.");
        } finally {
            dropAndClose(db, "t_acme");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void hostileTenantIdsAreRefusedBeforeAnySql(TestDatabase database) {
        Carafe db = start(database, dir, "t_acme");
        try {
            List<String> hostile = List.of("acme; drop table memo", "acme\"", "a'b", "public.memo", "..", "../etc",
                    "Acme", "", " acme", "x".repeat(64), "1acme", "acme-corp", "acme\u0000");
            for (String id : hostile) {
                try (DbContext watcher = db.forTenant("t_acme").context()) {
                    int before = watcher.recordedQueries().size();
                    assertThatThrownBy(() -> db.forTenant(id)).as(id).isInstanceOf(InvalidTenantException.class)
                            .hasMessage("The tenant id is not valid: a tenant id is a lower-case letter followed by up"
                                    + " to 62 lower-case letters, digits or underscores.");
                    assertThatThrownBy(() -> db.tenants().create(id)).as(id).isInstanceOf(InvalidTenantException.class);
                    assertThatThrownBy(() -> db.requestContexts().open(name -> null, id)).as(id)
                            .isInstanceOf(InvalidTenantException.class);
                    assertThat(watcher.recordedQueries()).hasSize(before);
                }
            }
            assertThatThrownBy(() -> db.forTenant(null)).isInstanceOf(InvalidTenantException.class);
            try (DbContext watcher = db.forTenant("t_acme").context()) {
                // The recording sees the lookup of a valid id, so the counts above show that none ran.
                assertThatThrownBy(() -> db.requestContexts().open(name -> null, "t_nobody"))
                        .isInstanceOf(UnknownTenantException.class);
                assertThat(watcher.recordedQueries()).isNotEmpty();
            }
        } finally {
            dropAndClose(db, "t_acme");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void anUnknownTenantIsRefusedAndTenantsAreListed(TestDatabase database) {
        Carafe db = start(database, dir, "t_acme", "t_globex");
        try {
            assertThatThrownBy(() -> db.forTenant("t_initech").useContext(() -> { }))
                    .isInstanceOf(UnknownTenantException.class).hasMessage("There is no tenant 't_initech'.");
            assertThat(db.tenants().list()).contains("t_acme", "t_globex").doesNotContain("t_initech");
            db.tenants().drop("t_globex");
            assertThat(db.tenants().exists("t_globex")).isFalse();
            assertThatThrownBy(() -> db.forTenant("t_globex").useContext(() -> { }))
                    .isInstanceOf(UnknownTenantException.class);
            assertThatThrownBy(() -> db.tenants().drop("t_globex")).isInstanceOf(UnknownTenantException.class);
        } finally {
            dropAndClose(db, "t_acme", "t_globex");
        }
    }
}
