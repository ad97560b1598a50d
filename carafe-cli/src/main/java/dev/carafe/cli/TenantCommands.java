package dev.carafe.cli;

import dev.carafe.Carafe;
import dev.carafe.migrate.Migration;
import dev.carafe.schema.SchemaDifference;
import java.io.PrintStream;
import java.util.List;

/** {@code db upgrade} and {@code db check} for tenants ({@code --tenant ID}, {@code --all-tenants}), one after the other. */
final class TenantCommands {
    private TenantCommands() {}

    static int upgrade(Carafe db, List<String> tenants, PrintStream out) {
        for (String tenant : tenants) {
            List<Migration> applied = db.forTenant(tenant).migrate();
            for (Migration migration : applied) {
                out.println("Applied " + tenant + " " + migration.bindKey() + " " + migration.script());
            }
            out.println(tenant + ": " + (applied.isEmpty() ? "up to date" : applied.size() + " applied"));
        }
        return CarafeCli.OK;
    }

    static int check(Carafe db, List<String> tenants, PrintStream out, PrintStream err) {
        int differing = 0;
        for (String tenant : tenants) {
            List<SchemaDifference> differences = db.forTenant(tenant).schemaDifferences();
            if (differences.isEmpty()) out.println(tenant + ": the database matches the models.");
            for (SchemaDifference difference : differences) {
                out.println(tenant + " " + difference.bindKey() + ": " + difference.describe());
            }
            if (!differences.isEmpty()) differing++;
        }
        if (differing == 0) return CarafeCli.OK;
        err.println("error: " + differing + " tenant" + (differing == 1 ? "'s" : "s'") + " database differs from the"
                + " models. Write a migration with db revision --autogenerate -m MESSAGE, review it, and apply it with"
                + " db upgrade --all-tenants.");
        return CarafeCli.FAILED;
    }
}
