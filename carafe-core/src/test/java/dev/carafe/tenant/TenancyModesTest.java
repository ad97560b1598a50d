package dev.carafe.tenant;

import dev.carafe.Carafe;
import dev.carafe.bind.internal.Bind;
import dev.carafe.config.ConfigException;
import dev.carafe.config.EngineOptions;
import dev.carafe.error.NotFoundException;
import dev.carafe.model.Model;
import dev.carafe.pagination.PageRequest;
import dev.carafe.tenant.TenancyTest.Memo;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Database tenancy (a database and a pool per tenant, bounded) and discriminator tenancy (a @TenantId column). */
class TenancyModesTest {
    private static final List<String> TENANTS = List.of("m_acme", "m_globex", "m_initech");

    @TempDir
    Path dir;

    @Entity
    public static class Invoice extends Model {
        @Id
        @GeneratedValue
        public Long id;

        @TenantId
        public String tenant;

        public String customer;

        public Invoice() {}

        Invoice(String customer) {
            this.customer = customer;
        }
    }

    private String tenantUrl(TestDatabase database) {
        String url = database.url(dir);
        return database.isServer() ? url + "_{tenant}" : url + "-{tenant}";
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void databaseTenancyKeepsEachTenantInItsOwnDatabaseWithABoundedNumberOfPools(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Memo.class)
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.DATABASE).tenantUrl(tenantUrl(database))
                        .tenantPoolsMax(2).poolSize(2))
                .build();
        try {
            for (String tenant : TENANTS) {
                if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
                db.tenants().create(tenant);
                db.forTenant(tenant).useTransaction(s -> s.add(new Memo(tenant + "'s row")));
            }
            for (int round = 0; round < 2; round++) {
                for (String tenant : TENANTS) {
                    db.forTenant(tenant).useContext(() -> {
                        assertThat(db.session().scalars(db.select(Memo.class))).extracting(m -> m.text)
                                .containsExactly(tenant + "'s row");
                        assertThat(db.paginate(db.select(Memo.class), PageRequest.of(1, 5)).total()).isEqualTo(1);
                    });
                }
            }
            assertThat(((Bind) db.engine()).tenantConnections().pools().openPools()).isEqualTo(2);
            db.tenants().drop("m_initech");
            assertThatThrownBy(() -> db.forTenant("m_initech").useContext(() -> { }))
                    .isInstanceOf(UnknownTenantException.class);
        } finally {
            try {
                for (String tenant : TENANTS) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    @Test
    void databaseTenancyWithoutATenantUrlFailsAtBuildSayingWhatToSet() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl("jdbc:h2:mem:x-" + UUID.randomUUID()).models(Memo.class)
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.DATABASE)).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Bind 'default' has tenancy=database and no tenant-url: set tenant-url to the URL of a"
                        + " tenant's database with {tenant} for its id, such as postgresql://app@db/app_{tenant}.");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void discriminatorTenancyFiltersEveryReadAndStampsEveryWrite(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Invoice.class)
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.DISCRIMINATOR)).build();
        try {
            db.dropAll();
            for (String tenant : TENANTS) {
                if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
                db.tenants().create(tenant);
            }
            Long acmeInvoice = db.forTenant("m_acme").inTransaction(s -> s.add(new Invoice("acme's customer")).id);
            db.forTenant("m_globex").useTransaction(s -> s.add(new Invoice("globex's customer")));
            db.forTenant("m_globex").useContext(() -> {
                assertThat(db.session().get(Invoice.class, acmeInvoice)).isNull();
                assertThatThrownBy(() -> db.getOr404(Invoice.class, acmeInvoice)).isInstanceOf(NotFoundException.class);
                assertThat(db.session().scalars(db.select(Invoice.class))).extracting(i -> i.customer)
                        .containsExactly("globex's customer");
                assertThat(db.session().scalars(db.select("from Invoice", Invoice.class))).extracting(i -> i.tenant)
                        .containsOnly("m_globex");
                assertThat(db.paginate(db.select(Invoice.class), PageRequest.of(1, 10)).total()).isEqualTo(1);
            });
            Invoice stolen = db.forTenant("m_acme").withContext(() -> db.session().get(Invoice.class, acmeInvoice));
            stolen.customer = "rewritten by globex";
            assertThatThrownBy(() -> db.forTenant("m_globex").useTransaction(s -> s.add(stolen)))
                    .isInstanceOf(RuntimeException.class);
            db.tenants().drop("m_globex");
            db.forTenant("m_acme").useContext(() -> assertThat(db.session().scalars(db.select(Invoice.class)))
                    .extracting(i -> i.customer).containsExactly("acme's customer"));
        } finally {
            try {
                for (String tenant : TENANTS) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
                db.dropAll();
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    @Test
    void aDiscriminatorBindRefusesAModelWithoutATenantColumn() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl("jdbc:h2:mem:x-" + UUID.randomUUID()).models(Memo.class)
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.DISCRIMINATOR)).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Bind 'default' has tenancy=discriminator, and model dev.carafe.tenant.TenancyTest$Memo has no"
                        + " @TenantId field, so every tenant would see its rows. Add @org.hibernate.annotations.TenantId"
                        + " public String tenant; to it, or give it another bind.");
    }
}
