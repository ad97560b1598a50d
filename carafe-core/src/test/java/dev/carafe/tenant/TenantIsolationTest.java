package dev.carafe.tenant;

import dev.carafe.Carafe;
import dev.carafe.config.EngineOptions;
import dev.carafe.isolation.Isolation;
import dev.carafe.isolation.StatementLog;
import dev.carafe.tenant.TenancyTest.Memo;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A test's isolation (db.isolate()) over schema tenancy: tenants' writes roll back, and hostile ids run no statement. */
class TenantIsolationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void writesOfTenantsInsideAnIsolationRollBackAndHostileIdsRunNoStatement(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir))
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.SCHEMA)).models(Memo.class).build();
        List<String> tenants = List.of("i_acme", "i_globex");
        try {
            for (String tenant : tenants) {
                if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
                db.tenants().create(tenant);
            }
            try (Isolation isolation = db.isolate()) {
                db.forTenant("i_acme").useTransaction(s -> s.add(new Memo("acme, inside the test")));
                db.forTenant("i_globex").useContext(() -> assertThat(db.session().scalars(db.select(Memo.class))).isEmpty());
                db.forTenant("i_acme").useContext(() -> assertThat(db.session().scalars(db.select(Memo.class))).hasSize(1));
                try (StatementLog log = isolation.recordStatements()) {
                    for (String hostile : List.of("i_acme' or '1'='1", "i_acme.memo", "../i_acme", "I_ACME")) {
                        assertThatThrownBy(() -> db.forTenant(hostile).useContext(() -> { }))
                                .isInstanceOf(InvalidTenantException.class);
                    }
                    assertThat(log.statements()).isEmpty();
                }
            }
            db.forTenant("i_acme").useContext(() -> assertThat(db.session().scalars(db.select(Memo.class))).isEmpty());
        } finally {
            try {
                for (String tenant : tenants) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }
}
