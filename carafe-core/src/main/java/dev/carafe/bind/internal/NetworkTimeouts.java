package dev.carafe.bind.internal;

import dev.carafe.config.EngineOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The driver properties for the {@code connect-timeout} and {@code socket-timeout} engine options,
 * in each driver's own names and units. Without them, PostgreSQL's and MariaDB's drivers wait
 * forever for a server that accepts the connection and never answers. Driver properties set
 * explicitly ({@code connect-args}) win.
 */
final class NetworkTimeouts {
    static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);
    static final Duration DEFAULT_SOCKET = Duration.ofSeconds(30);

    private NetworkTimeouts() {}

    static Map<String, String> of(DatabaseKind kind, EngineOptions options) {
        Duration connect = options.connectTimeout() != null ? options.connectTimeout() : DEFAULT_CONNECT;
        Duration socket = options.socketTimeout() != null ? options.socketTimeout() : DEFAULT_SOCKET;
        Map<String, String> properties = new LinkedHashMap<>();
        switch (kind) {
            case POSTGRESQL -> {
                // Whole seconds; 0 is the driver's "no limit".
                putIfSet(properties, "connectTimeout", seconds(connect));
                putIfSet(properties, "loginTimeout", seconds(connect));
                putIfSet(properties, "socketTimeout", seconds(socket));
            }
            case MARIADB, MYSQL -> {
                putIfSet(properties, "connectTimeout", connect.toMillis());
                putIfSet(properties, "socketTimeout", socket.toMillis());
            }
            default -> {
                // H2 and SQLite in a file or in memory have no network to wait on.
            }
        }
        return properties;
    }

    private static void putIfSet(Map<String, String> properties, String name, long value) {
        if (value > 0) properties.put(name, Long.toString(value));
    }

    private static long seconds(Duration duration) {
        return duration.isZero() ? 0 : Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
