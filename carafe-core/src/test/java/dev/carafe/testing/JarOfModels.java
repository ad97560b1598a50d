package dev.carafe.testing;

import dev.carafe.Carafe;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles small classes at test time and packs them into a jar, to test what Carafe finds in jars. */
public final class JarOfModels {
    private JarOfModels() {}

    /**
     * Compiles each class (fully qualified name to the source after its package line) against
     * Jakarta Persistence, and returns the jar holding the class files, with an entry for each
     * directory (as Maven writes jars) or without (as some tools do).
     */
    public static Path build(Path dir, boolean directoryEntries, Map<String, String> classes) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("jar-sources"));
        Path output = Files.createDirectories(dir.resolve("jar-classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "-classpath",
                Path.of(codeSource(Entity.class)).toString(), "-proc:none"));
        for (Map.Entry<String, String> entry : classes.entrySet()) {
            String name = entry.getKey();
            int dot = name.lastIndexOf('.');
            Path file = sources.resolve(name.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package " + name.substring(0, dot) + ";\n" + entry.getValue() + "\n");
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("The test classes did not compile");
        }
        Path jar = dir.resolve(directoryEntries ? "models.jar" : "models-without-directories.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(file -> !file.equals(output)).sorted().toList()) {
                String name = output.relativize(file).toString().replace('\\', '/');
                if (Files.isDirectory(file)) {
                    if (directoryEntries) out.putNextEntry(new JarEntry(name + "/"));
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                try (OutputStream entry = new NonClosing(out)) {
                    Files.copy(file, entry);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private static java.net.URI codeSource(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
