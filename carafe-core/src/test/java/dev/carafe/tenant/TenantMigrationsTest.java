package dev.carafe.tenant;

import dev.carafe.Carafe;
import dev.carafe.config.EngineOptions;
import dev.carafe.migrate.Migration;
import dev.carafe.migrate.MigrationException;
import dev.carafe.model.Model;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With migrations, a new tenant's tables come from them, in its own schema, and every tenant is migrated on its own. */
class TenantMigrationsTest {
    private static final List<String> TENANTS = List.of("g_acme", "g_globex");

    @TempDir
    Path dir;

    @Entity
    public static class Note extends Model {
        @Id
        public Long id;

        public String title;
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void tenantsAreCreatedAndUpgradedByTheMigrations(TestDatabase database) throws IOException {
        database.assumeAvailable();
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create_note.sql"),
                "create table note (id bigint not null primary key, title varchar(50));");
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).migrationsPath(migrations.toString())
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.SCHEMA)).models(Note.class).build();
        try {
            for (String tenant : TENANTS) {
                if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
                db.tenants().create(tenant);
                db.forTenant(tenant).useTransaction(s -> {
                    Note note = new Note();
                    note.id = 1L;
                    note.title = tenant + "'s note";
                    s.add(note);
                });
            }
            assertThatThrownBy(db::migrate).isInstanceOf(MigrationException.class).hasMessage("Bind 'default' keeps a"
                    + " schema per tenant: migrate its tenants with db.forTenant(id).migrate() or"
                    + " db.tenants().migrateAll() (db upgrade --tenant ID or --all-tenants).");

            Files.writeString(migrations.resolve("V2__note_body.sql"), "alter table note add body varchar(100);");
            assertThat(db.forTenant("g_acme").migrate()).extracting(Migration::version).containsExactly("2");
            Map<String, List<Migration>> all = db.tenants().migrateAll();
            assertThat(all.get("g_acme")).isEmpty();
            assertThat(all.get("g_globex")).extracting(Migration::version).containsExactly("2");
            db.forTenant("g_globex").useContext(() -> assertThat(db.session().get(Note.class, 1L).title)
                    .isEqualTo("g_globex's note"));
        } finally {
            try {
                for (String tenant : TENANTS) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }
}
