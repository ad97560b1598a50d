package dev.carafe.migrate.internal;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway a bind's migration files. Flyway's own scanner reads a location's sub-folders too,
 * where the default bind's location holds the other binds' files; this lists only the bind's own.
 */
final class MigrationFiles implements ResourceProvider {
    private final List<LoadableResource> resources = new ArrayList<>();

    MigrationFiles(List<MigrationFile> files) {
        for (MigrationFile file : files) resources.add(new FileResource(file));
    }

    @Override
    public LoadableResource getResource(String name) {
        return resources.stream().filter(resource -> resource.getRelativePath().equals(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return resources.stream().filter(resource -> resource.getFilename().startsWith(prefix)
                && Arrays.stream(suffixes).anyMatch(resource.getFilename()::endsWith)).toList();
    }

    /** One file as Flyway reads it. */
    private static final class FileResource extends LoadableResource {
        private final MigrationFile file;

        FileResource(MigrationFile file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            return new StringReader(file.read());
        }

        @Override
        public String getAbsolutePath() {
            return file.displayPath();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return file.displayPath();
        }

        @Override
        public String getFilename() {
            return file.name();
        }

        @Override
        public String getRelativePath() {
            return file.relativePath();
        }
    }
}
