package dev.carafe.migrate.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.migrate.Migration;
import dev.carafe.migrate.MigrationException;
import dev.carafe.schema.SchemaDifference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The next migration file of a bind: {@code V<n>__<message>.sql}, where n follows the highest
 * version among the files of its folder and the migrations applied to its database, written in
 * the folder's sub-folder for the database when there is one.
 */
final class RevisionFile {
    private static final Pattern VERSION = Pattern.compile("^V(\\d+)(?:[._]\\d+)*__.*");

    private RevisionFile() {}

    static Path write(Bind bind, Path directory, String message, List<Migration> history,
            List<SchemaDifference> differences) {
        String slug = message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw new MigrationException(bind.key(), "The message '" + message + "' has no letter or digit to name the"
                    + " migration file with: give one such as -m \"add email to user\".", null);
        }
        if (slug.length() > 60) slug = slug.substring(0, 60).replaceAll("_+$", "");
        Path vendorFolder = directory.resolve(bind.database());
        Path folder = Files.isDirectory(vendorFolder) ? vendorFolder : directory;
        BigInteger next = highestVersion(history, directory, vendorFolder).add(BigInteger.ONE);
        String name = "V" + next + "__" + slug + ".sql";
        Path file = folder.resolve(name);
        try {
            Files.createDirectories(folder);
            Files.writeString(file, MigrationScript.write(bind, name, differences), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the migration " + file + ": " + e.getMessage()
                    + ". Give a writable folder with --dir.", e);
        }
        return file;
    }

    private static BigInteger highestVersion(List<Migration> history, Path... folders) {
        BigInteger highest = BigInteger.ZERO;
        for (Migration migration : history) {
            if (migration.version() != null) highest = highest.max(major("V" + migration.version() + "__"));
        }
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) highest = highest.max(major(file.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + folder + ": " + e.getMessage(), e);
            }
        }
        return highest;
    }

    private static BigInteger major(String fileName) {
        Matcher matcher = VERSION.matcher(fileName);
        return matcher.matches() ? new BigInteger(matcher.group(1)) : BigInteger.ZERO;
    }
}
