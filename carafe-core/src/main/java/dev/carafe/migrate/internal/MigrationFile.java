package dev.carafe.migrate.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * One file of a bind's migration location.
 *
 * @param relativePath its path under the location, such as {@code V1__init.sql} or {@code h2/V1__init.sql}
 * @param url where to read it
 * @param displayPath where it is, for messages: a file's path or {@code classpath:db/migration/V1__init.sql}
 */
record MigrationFile(String relativePath, URL url, String displayPath) {
    /** The file's name, without its folder. */
    String name() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }

    /** Reads the file as UTF-8 text. */
    String read() {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the migration " + displayPath + ": " + e.getMessage(), e);
        }
    }
}
