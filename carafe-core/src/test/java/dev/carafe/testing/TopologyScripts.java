package dev.carafe.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the scripts of {@code .ci/topology} for the topology fixtures, and skips or fails without them. */
final class TopologyScripts {
    private TopologyScripts() {}

    /**
     * Runs {@code .ci/topology/<name>} with arguments.
     *
     * @return {@code null} when it succeeded, else why not
     */
    static String script(String name, String... arguments) {
        Path script = find(name);
        if (script == null) return "the script .ci/topology/" + name + " was not found above " + Path.of("").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        return run(command);
    }

    /** Runs a command, returning {@code null} when it succeeded, else its exit status and output. */
    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " did not finish in 120 s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? null : String.join(" ", command) + " exited with " + process.exitValue()
                    + ": " + output.strip();
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Skips the calling test with the reason, or fails it under CARAFE_REQUIRE_DATABASES=true. */
    static void unavailable(String message) {
        if ("true".equals(System.getenv("CARAFE_REQUIRE_DATABASES"))) {
            throw new AssertionError(message + "; CARAFE_REQUIRE_DATABASES=true requires it");
        }
        Assumptions.abort(message);
    }

    /** Throws when a step of a test's set-up failed. */
    static void require(String failure, String what) {
        if (failure != null) throw new IllegalStateException(what + " failed: " + failure);
    }

    private static Path find(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve(".ci/topology/" + name);
            if (Files.isExecutable(script)) return script;
        }
        return null;
    }
}
