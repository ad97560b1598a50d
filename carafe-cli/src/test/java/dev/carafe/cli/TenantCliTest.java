package dev.carafe.cli;

import dev.carafe.Carafe;
import dev.carafe.config.EngineOptions;
import dev.carafe.model.Model;
import dev.carafe.tenant.Tenancy;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db upgrade} and {@code db check} with {@code --tenant} and {@code --all-tenants}. */
class TenantCliTest {
    private static final List<String> TENANTS = List.of("c_acme", "c_globex");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Entity
    public static class Note extends Model {
        @Id
        public Long id;

        public String title;

        public String body;
    }

    private int run(Carafe db, String... args) {
        out.reset();
        err.reset();
        return new CarafeCli(db, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void eachTenantIsUpgradedAndCheckedOnItsOwn(TestDatabase database) throws Exception {
        database.assumeAvailable();
        Path migrations = Files.createDirectories(dir.resolve("migration"));
        Files.writeString(migrations.resolve("V1__create_note.sql"),
                "create table note (id bigint not null primary key, title varchar(255));");
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).migrationsPath(migrations.toString())
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.SCHEMA)).models(Note.class).build();
        try {
            for (String tenant : TENANTS) {
                if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
                db.tenants().create(tenant);
            }
            assertThat(run(db, "db", "check", "--all-tenants")).isEqualTo(CarafeCli.FAILED);
            assertThat(out()).contains("c_acme default: ", "c_globex default: ").contains("body");

            Files.writeString(migrations.resolve("V2__note_body.sql"), "alter table note add body varchar(255);");
            assertThat(run(db, "db", "upgrade", "--tenant", "c_acme")).isEqualTo(CarafeCli.OK);
            assertThat(out()).isEqualTo("Applied c_acme default V2__note_body.sql\nc_acme: 1 applied\n");
            assertThat(run(db, "db", "check", "--tenant", "c_acme")).isEqualTo(CarafeCli.OK);
            assertThat(run(db, "db", "check", "--all-tenants")).isEqualTo(CarafeCli.FAILED);
            assertThat(out()).doesNotContain("c_acme default").contains("c_globex default");

            assertThat(run(db, "db", "upgrade", "--all-tenants")).isEqualTo(CarafeCli.OK);
            assertThat(out()).contains("c_acme: up to date", "Applied c_globex default V2__note_body.sql");
            assertThat(run(db, "db", "check", "--all-tenants")).isEqualTo(CarafeCli.OK);

            assertThat(run(db, "db", "upgrade", "--tenant", "c_acme'; drop schema c_acme")).isNotEqualTo(CarafeCli.OK);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("The tenant id is not valid");
            assertThat(run(db, "db", "upgrade", "--tenant", "c_nobody")).isNotEqualTo(CarafeCli.OK);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("There is no tenant 'c_nobody'.");
        } finally {
            try {
                for (String tenant : TENANTS) if (db.tenants().exists(tenant)) db.tenants().drop(tenant);
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }
}
