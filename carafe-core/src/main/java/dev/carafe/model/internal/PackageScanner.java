package dev.carafe.model.internal;

import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the {@code @Entity} classes of a package and its sub-packages, in directories and jars on
 * the classpath. Only the named packages are read: no classpath-wide scanning, so a package is
 * found in a jar only when the jar has an entry for its directory (as Maven and Gradle write them).
 */
public final class PackageScanner {
    private PackageScanner() {}

    /** Returns the entity classes under {@code packageName}, sorted by name. */
    public static List<Class<?>> entities(String packageName, ClassLoader loader) {
        String folder = packageName.replace('.', '/');
        TreeSet<String> classNames = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    collectFromDirectory(Path.of(root.toURI()), packageName, classNames);
                } else if (root.getProtocol().equals("jar")) {
                    collectFromJar(root, folder, classNames);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not scan package " + packageName, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Could not scan package " + packageName, e);
        }
        List<Class<?>> entities = new ArrayList<>();
        for (String className : classNames) {
            try {
                Class<?> type = Class.forName(className, false, loader);
                if (type.isAnnotationPresent(Entity.class)) entities.add(type);
            } catch (ClassNotFoundException | LinkageError e) {
                // A class that cannot load is not a model we could map; skip it.
            }
        }
        return entities;
    }

    private static void collectFromDirectory(Path directory, String packageName, TreeSet<String> classNames)
            throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(file -> file.toString().endsWith(".class")).forEach(file -> {
                String relative = directory.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                classNames.add(packageName + "." + relative.substring(0, relative.length() - ".class".length()));
            });
        }
    }

    private static void collectFromJar(URL root, String folder, TreeSet<String> classNames) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith(folder + "/") && name.endsWith(".class")) {
                    classNames.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
    }
}
