package dev.carafe.config;

import dev.carafe.observe.NPlusOneMode;
import dev.carafe.tenant.Tenancy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every configuration key and engine option, each declared once: {@link CarafeConfig}, {@link
 * EngineOptions}, their builders and the loaders of maps, {@code carafe.properties} and the
 * environment all read these declarations.
 */
final class Keys {
    // ---- top-level keys -----------------------------------------------------------------------
    static final Key<String> DATABASE_URL = Key.of("database-url", null, ConfigValues::string);
    static final Key<Boolean> ECHO = Key.of("echo", false, ConfigValues::bool);
    static final Key<Boolean> RECORD_QUERIES = Key.of("record-queries", false, ConfigValues::bool);
    static final Key<Boolean> TRACK_MODIFICATIONS = Key.of("track-modifications", false, ConfigValues::bool);
    static final Key<Path> INSTANCE_PATH = Key.of("instance-path", Path.of("instance"), ConfigValues::path);
    static final Key<List<String>> SCAN_PACKAGES = Key.of("scan-packages", List.of(), ConfigValues::list);
    static final Key<NPlusOneMode> N_PLUS_ONE = Key.of("n-plus-one", NPlusOneMode.OFF,
            (where, value) -> ConfigValues.constant(where, value, NPlusOneMode.class));
    static final Key<Integer> N_PLUS_ONE_THRESHOLD = Key.of("n-plus-one-threshold", 10,
            (where, value) -> ConfigValues.atLeast(where, ConfigValues.wholeNumber(where, value), 2));
    static final Key<Duration> SLOW_QUERY_THRESHOLD = Key.of("slow-query-threshold", Duration.ZERO,
            ConfigValues::nonNegativeSeconds);
    static final Key<String> CURSOR_SECRET = Key.secret("cursor-secret", null, ConfigValues::cursorSecret);
    static final Key<Boolean> MIGRATE_ON_START = Key.of("migrate-on-start", false, ConfigValues::bool);
    static final Key<String> MIGRATIONS_PATH = Key.of("migrations-path", "classpath:db/migration", ConfigValues::string);
    static final Key<List<String>> REDACT_PARAMETERS = Key.of("redact-parameters", List.of(), ConfigValues::list);
    static final Key<Integer> TRANSACTION_RETRIES = Key.of("transaction-retries", 3,
            (where, value) -> ConfigValues.atLeast(where, ConfigValues.wholeNumber(where, value), 0));

    /** The keys with one value each, in documentation order. */
    static final List<Key<?>> SCALARS = List.of(DATABASE_URL, ECHO, RECORD_QUERIES, TRACK_MODIFICATIONS,
            INSTANCE_PATH, SCAN_PACKAGES, N_PLUS_ONE, N_PLUS_ONE_THRESHOLD, SLOW_QUERY_THRESHOLD, CURSOR_SECRET,
            MIGRATE_ON_START, MIGRATIONS_PATH, REDACT_PARAMETERS, TRANSACTION_RETRIES);

    /** The keys that hold engine options: of other binds, of the default bind, of every bind. */
    static final String BINDS = "binds";
    static final String ENGINE_OPTIONS = "engine-options";
    static final String ENGINE_DEFAULTS = "engine-defaults";

    // ---- engine options -----------------------------------------------------------------------
    static final Key<String> URL = Key.of("url", null, ConfigValues::string);
    static final Key<Integer> POOL_SIZE = Key.of("pool-size", null,
            (where, value) -> ConfigValues.atLeast(where, ConfigValues.wholeNumber(where, value), 1));
    static final Key<Duration> POOL_TIMEOUT = Key.of("pool-timeout", null, ConfigValues::poolTimeout);
    static final Key<Duration> POOL_RECYCLE = Key.of("pool-recycle", null, ConfigValues::recycle);
    static final Key<Boolean> POOL_PRE_PING = Key.of("pool-pre-ping", null, ConfigValues::bool);
    static final Key<Boolean> ENGINE_ECHO = Key.of("echo", null, ConfigValues::bool);
    static final Key<Boolean> ECHO_POOL = Key.of("echo-pool", null, ConfigValues::bool);
    static final Key<Duration> CONNECT_TIMEOUT = Key.of("connect-timeout", null, ConfigValues::nonNegativeSeconds);
    static final Key<Duration> SOCKET_TIMEOUT = Key.of("socket-timeout", null, ConfigValues::nonNegativeSeconds);
    static final Key<List<String>> REPLICA_URLS = Key.of("replica-urls", null, ConfigValues::list);
    static final Key<Duration> REPLICA_MAX_LAG = Key.of("replica-max-lag", null, ConfigValues::nonNegativeSeconds);
    static final Key<Tenancy> TENANCY = Key.of("tenancy", null,
            (where, value) -> ConfigValues.constant(where, value, Tenancy.class));
    static final Key<String> TENANT_URL = Key.of("tenant-url", null, ConfigValues::tenantUrl);
    static final Key<Integer> TENANT_POOLS_MAX = Key.of("tenant-pools-max", null,
            (where, value) -> ConfigValues.atLeast(where, ConfigValues.wholeNumber(where, value), 1));
    /** Driver properties: a map, or one {@code connect-args.<name>} entry each. */
    static final String CONNECT_ARGS = "connect-args";

    /** The engine options with one value each, in documentation order. */
    static final List<Key<?>> OPTIONS = List.of(URL, POOL_SIZE, POOL_TIMEOUT, POOL_RECYCLE, POOL_PRE_PING,
            ENGINE_ECHO, ECHO_POOL, CONNECT_TIMEOUT, SOCKET_TIMEOUT, REPLICA_URLS, REPLICA_MAX_LAG, TENANCY, TENANT_URL,
            TENANT_POOLS_MAX);

    private Keys() {}

    /** Every top-level key name, in documentation order. */
    static List<String> topLevelNames() {
        List<String> names = new java.util.ArrayList<>();
        names.add(DATABASE_URL.name());
        names.add(BINDS);
        names.add(ENGINE_OPTIONS);
        names.add(ENGINE_DEFAULTS);
        SCALARS.stream().skip(1).forEach(key -> names.add(key.name()));
        return List.copyOf(names);
    }

    /** Every engine option name, in documentation order. */
    static List<String> optionNames() {
        List<String> names = new java.util.ArrayList<>(OPTIONS.stream().map(Key::name).toList());
        names.add(CONNECT_ARGS);
        return List.copyOf(names);
    }

    static Key<?> scalar(String name) {
        return find(SCALARS, name);
    }

    static Key<?> option(String name) {
        return find(OPTIONS, name);
    }

    private static Key<?> find(List<Key<?>> keys, String name) {
        for (Key<?> key : keys) {
            if (key.name().equals(name)) return key;
        }
        return null;
    }
}
