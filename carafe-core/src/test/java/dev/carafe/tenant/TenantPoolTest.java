package dev.carafe.tenant;

import dev.carafe.Carafe;
import dev.carafe.bind.Engine;
import dev.carafe.config.EngineOptions;
import dev.carafe.tenant.TenancyTest.Memo;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Schema tenancy shares one pool: under concurrent work of many tenants no connection carries a tenant into another's. */
class TenantPoolTest {
    private static final int TENANTS = 8;
    private static final int ROUNDS = 15;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void concurrentWorkOfManyTenantsOnASmallPoolStaysWithEachTenant(TestDatabase database) throws Exception {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir))
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.SCHEMA).poolSize(3))
                .models(Memo.class).build();
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) tenants.add("t_pool" + i);
        ExecutorService workers = Executors.newFixedThreadPool(TENANTS);
        try {
            for (String tenant : tenants) {
                if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
                db.tenants().create(tenant);
            }
            workAtOnce(db, tenants, workers);
            Engine engine = db.engine();
            assertThat(engine.totalConnections()).isLessThanOrEqualTo(3);
            // Every connection back in the pool is in the bind's own schema again.
            for (int i = 0; i < 3; i++) {
                try (Connection connection = engine.dataSource().getConnection()) {
                    assertThat(tablesNamedMemo(connection)).isZero();
                }
            }
        } finally {
            workers.shutdownNow();
            try {
                for (String tenant : tenants) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL"})
    void databaseTenancyEvictsPoolsWhileTenantsWorkAtOnceAndNeverClosesOneInUse(TestDatabase database) throws Exception {
        database.assumeAvailable();
        String url = database.url(dir);
        Carafe db = Carafe.builder().databaseUrl(url).models(Memo.class)
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.DATABASE).tenantPoolsMax(1).poolSize(2)
                        .tenantUrl(url + (database.isServer() ? "_{tenant}" : "-{tenant}")))
                .build();
        List<String> tenants = List.of("d_pool0", "d_pool1", "d_pool2");
        ExecutorService workers = Executors.newFixedThreadPool(tenants.size());
        try {
            for (String tenant : tenants) {
                if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
                db.tenants().create(tenant);
            }
            workAtOnce(db, tenants, workers);
            assertThat(((dev.carafe.bind.internal.Bind) db.engine()).tenantConnections().pools().openPools()).isEqualTo(1);
        } finally {
            workers.shutdownNow();
            try {
                for (String tenant : tenants) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    /** Each tenant, on a thread of its own, adds a row and reads back only its own rows, ROUNDS times. */
    private static void workAtOnce(Carafe db, List<String> tenants, ExecutorService workers) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (String tenant : tenants) {
            done.add(workers.submit(() -> {
                for (int round = 0; round < ROUNDS; round++) {
                    int expected = round + 1;
                    db.forTenant(tenant).useTransaction(s -> s.add(new Memo(tenant)));
                    db.forTenant(tenant).useContext(() -> assertThat(db.session().scalars(db.select(Memo.class)))
                            .hasSize(expected).allMatch(memo -> memo.text.equals(tenant)));
                }
            }));
        }
        for (Future<?> each : done) each.get(2, TimeUnit.MINUTES);
    }

    private static int tablesNamedMemo(Connection connection) throws Exception {
        // The bind's own schema holds no model table: only the tenants' schemas do.
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "select count(*) from information_schema.tables where lower(table_name) = 'memo'"
                        + " and lower(table_schema) = lower(" + currentSchema(connection) + ")")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String currentSchema(Connection connection) throws Exception {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
        return product.contains("maria") || product.contains("mysql") ? "database()"
                : product.contains("h2") ? "schema()" : "current_schema()";
    }
}
