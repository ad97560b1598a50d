package dev.carafe.migrate;

import java.time.Instant;

/**
 * One migration of a bind: a file {@code V<version>__<description>.sql}, applied or pending.
 *
 * @param bindKey the bind it belongs to
 * @param version its version, such as {@code 3}
 * @param description its description, from the file name ({@code add email})
 * @param script the file, relative to the bind's migration folder
 * @param state whether it is applied, pending or failed
 * @param installedOn when it was applied, or {@code null} when it was not
 */
public record Migration(String bindKey, String version, String description, String script, State state,
        Instant installedOn) {

    /** Where a migration stands on its bind's database. */
    public enum State {
        /** Found in the migration folder, not applied yet. */
        PENDING,
        /** Applied (or marked as applied by a baseline). */
        APPLIED,
        /** Applied and failed: the database may hold part of it; fix it and repair the history. */
        FAILED,
        /** Skipped: older than the baseline, or left aside by Flyway for another reason. */
        IGNORED
    }

    /**
     * Describes the migration as {@code V3__add_email.sql (applied)}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return script + " (" + state.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
