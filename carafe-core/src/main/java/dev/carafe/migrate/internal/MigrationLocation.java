package dev.carafe.migrate.internal;

import dev.carafe.bind.Binds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where one bind's migration files are: {@code migrations-path} itself for the default bind, its
 * sub-folder named after the bind key for the others; on the classpath ({@code classpath:...}) or
 * in a folder. The files directly in it apply on every database; those in its sub-folder named
 * after a database ({@code h2}, {@code sqlite}, {@code postgresql}, {@code mariadb}, {@code mysql})
 * only on that one. Nothing deeper is read: the default bind's folder holds the other binds'.
 */
final class MigrationLocation {
    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    private final String classpathFolder;
    private final Path folder;

    private MigrationLocation(String classpathFolder, Path folder) {
        this.classpathFolder = classpathFolder;
        this.folder = folder;
    }

    /**
     * Resolves a bind's location.
     *
     * @param migrationsPath the {@code migrations-path} setting
     * @param bindKey the bind
     * @return the location
     */
    static MigrationLocation of(String migrationsPath, String bindKey) {
        String sub = Binds.DEFAULT.equals(bindKey) ? "" : "/" + bindKey;
        if (migrationsPath.startsWith(CLASSPATH)) {
            String path = trimSlashes(migrationsPath.substring(CLASSPATH.length()));
            return new MigrationLocation(trimSlashes(path + sub), null);
        }
        String path = migrationsPath.startsWith(FILESYSTEM) ? migrationsPath.substring(FILESYSTEM.length()) : migrationsPath;
        return new MigrationLocation(null, Path.of(path + sub).toAbsolutePath().normalize());
    }

    /** Whether the files are in a folder, not on the classpath. */
    boolean isFolder() {
        return folder != null;
    }

    /**
     * Returns the folder, for a location that is one.
     *
     * @return the folder, or {@code null} on the classpath
     */
    Path folder() {
        return folder;
    }

    /**
     * Lists the migration files of a database, by relative path: those of the location, then those
     * of its folder for the database.
     *
     * @param database the database's name, such as {@code postgresql}
     * @param loader the class loader whose classpath is read
     * @return the files
     */
    List<MigrationFile> files(String database, ClassLoader loader) {
        Map<String, MigrationFile> files = new LinkedHashMap<>();
        for (String sub : List.of("", database)) {
            for (MigrationFile file : folder != null ? inFolder(folder.resolve(sub), sub) : onClasspath(sub, loader)) {
                files.putIfAbsent(file.relativePath(), file);
            }
        }
        return new ArrayList<>(files.values());
    }

    private static List<MigrationFile> inFolder(Path directory, String sub) {
        if (!Files.isDirectory(directory)) return List.of();
        try (Stream<Path> paths = Files.list(directory)) {
            List<MigrationFile> files = new ArrayList<>();
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new MigrationFile(relative(sub, path.getFileName().toString()), path.toUri().toURL(),
                        path.toString()));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the migrations in " + directory + ": " + e.getMessage(), e);
        }
    }

    private List<MigrationFile> onClasspath(String sub, ClassLoader loader) {
        String path = sub.isEmpty() ? classpathFolder : classpathFolder + "/" + sub;
        List<MigrationFile> files = new ArrayList<>();
        try {
            for (URL root : Collections.list(loader.getResources(path))) {
                if ("file".equals(root.getProtocol())) {
                    for (MigrationFile file : inFolder(Path.of(root.toURI()), sub)) {
                        files.add(new MigrationFile(file.relativePath(), file.url(), CLASSPATH + path + "/" + file.name()));
                    }
                } else if ("jar".equals(root.getProtocol())) {
                    files.addAll(inJar(root, path, sub));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the migrations in classpath:" + path + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Could not list the migrations in classpath:" + path + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static List<MigrationFile> inJar(URL root, String path, String sub) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jar)) return List.of();
        jar.setUseCaches(false);
        List<MigrationFile> files = new ArrayList<>();
        // A folder's URL ends with a slash when the jar has an entry for the folder itself.
        String folderUrl = root.toString().endsWith("/") ? root.toString() : root + "/";
        try (JarFile file = jar.getJarFile()) {
            String prefix = path + "/";
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(prefix) || name.indexOf('/', prefix.length()) >= 0) continue;
                String fileName = name.substring(prefix.length());
                files.add(new MigrationFile(relative(sub, fileName), URI.create(folderUrl + fileName).toURL(), CLASSPATH + name));
            }
        }
        files.sort((a, b) -> a.relativePath().compareTo(b.relativePath()));
        return files;
    }

    private static String relative(String sub, String fileName) {
        return sub.isEmpty() ? fileName : sub + "/" + fileName;
    }

    private static String trimSlashes(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) trimmed = trimmed.substring(1);
        while (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        return trimmed;
    }

    /** Describes the location as {@code classpath:db/migration/auth} or a folder's absolute path. */
    @Override
    public String toString() {
        return folder != null ? folder.toString() : CLASSPATH + classpathFolder;
    }
}
