package dev.carafe.config;

import dev.carafe.config.internal.ClosestName;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads configuration from maps, {@code carafe.properties} and the environment, by one naming rule:
 * a key's environment variable is {@code CARAFE_} and the key in capitals, with underscores for
 * dashes and dots ({@code binds.auth.pool-size} is {@code CARAFE_BINDS_AUTH_POOL_SIZE}). The
 * default bind's engine options may leave out {@code ENGINE_OPTIONS_} ({@code CARAFE_POOL_SIZE}).
 */
final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger("carafe.config");
    private static final String PREFIX = "CARAFE_";
    private static final String CONNECT_ARGS_ENV = "CONNECT_ARGS_";

    private ConfigLoader() {}

    static CarafeConfig load(Path workingDirectory, Map<String, String> environment) {
        Map<String, Object> values = new LinkedHashMap<>();
        readPropertiesFile(workingDirectory.resolve("carafe.properties"), values);
        applyEnvironment(environment, values);
        CarafeConfig config = fromMap(values);
        Path instancePath = workingDirectory.resolve(config.instancePath());
        return instancePath.equals(config.instancePath()) ? config
                : CarafeConfig.builder().config(config).instancePath(instancePath).build();
    }

    static CarafeConfig fromMap(Map<String, ?> map) {
        CarafeConfig.Builder builder = CarafeConfig.builder();
        Map<String, Map<String, Object>> bindMaps = new LinkedHashMap<>();
        Map<String, Object> engineOptionMap = new LinkedHashMap<>();
        Map<String, Object> engineDefaultMap = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : withoutCarafeLevel(map).entrySet()) {
            String key = normalize(entry.getKey());
            int dot = key.indexOf('.');
            String top = dot < 0 ? key : key.substring(0, dot);
            String rest = dot < 0 ? null : key.substring(dot + 1);
            switch (top) {
                case Keys.BINDS -> collectBinds(key, rest, entry.getValue(), bindMaps);
                case Keys.ENGINE_OPTIONS -> collectOptions(key, rest, entry.getValue(), engineOptionMap);
                case Keys.ENGINE_DEFAULTS -> collectOptions(key, rest, entry.getValue(), engineDefaultMap);
                default -> {
                    Key<?> scalar = rest == null ? Keys.scalar(top) : null;
                    if (scalar == null) throw unknownKey(entry.getKey(), top);
                    builder.values.put(scalar, scalar.read(key, entry.getValue()));
                }
            }
        }
        bindMaps.forEach((bind, options) -> builder.bind(bind, EngineOptions.fromMap(Keys.BINDS + "." + bind, options)));
        builder.engineOptions(EngineOptions.fromMap(Keys.ENGINE_OPTIONS, engineOptionMap));
        builder.engineDefaults(EngineOptions.fromMap(Keys.ENGINE_DEFAULTS, engineDefaultMap));
        return builder.build();
    }

    /** Lifts the entries of a nested {@code carafe: {...}} map (as YAML gives) to the top level. */
    private static Map<String, ?> withoutCarafeLevel(Map<String, ?> map) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            if (normalize(entry.getKey()).equals("carafe") && entry.getValue() instanceof Map<?, ?> nested) {
                nested.forEach((key, value) -> entries.put(String.valueOf(key), value));
            } else {
                entries.put(entry.getKey(), entry.getValue());
            }
        }
        return entries;
    }

    private static String normalize(String key) {
        String trimmed = key.trim();
        if (trimmed.regionMatches(true, 0, "carafe.", 0, "carafe.".length())) {
            trimmed = trimmed.substring("carafe.".length());
        }
        int dot = trimmed.indexOf('.');
        // Only the top-level part is case-insensitive and may use underscores: bind keys and
        // driver property names below it are kept exactly as the user wrote them.
        String top = (dot < 0 ? trimmed : trimmed.substring(0, dot)).toLowerCase(Locale.ROOT).replace('_', '-');
        return dot < 0 ? top : top + trimmed.substring(dot);
    }

    private static ConfigException unknownKey(String written, String top) {
        String bare = top.startsWith("sqlalchemy-") ? top.substring("sqlalchemy-".length()) : top;
        List<String> keys = CarafeConfig.KEYS;
        String guess = keys.contains(bare) ? bare : ClosestName.among(bare, keys).orElse(null);
        String hint;
        if (guess != null) {
            hint = " Did you mean '" + guess + "'?";
        } else if (EngineOptions.OPTION_NAMES.contains(bare)) {
            hint = " '" + bare + "' is an engine option: write engine-options." + bare + " for the default bind, binds.<key>."
                    + bare + " for one bind or engine-defaults." + bare + " for every bind.";
        } else {
            hint = "";
        }
        return new ConfigException("Unknown configuration key '" + written + "'." + hint + " Valid keys are: "
                + String.join(", ", keys) + ".");
    }

    private static void collectBinds(String key, String rest, Object value, Map<String, Map<String, Object>> binds) {
        if (rest == null) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new ConfigException("'binds' must be a map of bind keys to URLs or option maps, got "
                        + ConfigValues.describe(value) + ". Write binds.<key>.url=... for each bind.");
            }
            map.forEach((bind, options) -> collectBinds(key + "." + bind, String.valueOf(bind), options, binds));
            return;
        }
        int dot = rest.indexOf('.');
        String bind = dot < 0 ? rest : rest.substring(0, dot);
        if (bind.isBlank()) {
            throw new ConfigException("'" + key + "' has an empty bind key; write binds.<key>.url=...");
        }
        Map<String, Object> options = binds.computeIfAbsent(bind, b -> new LinkedHashMap<>());
        if (dot >= 0) {
            options.put(rest.substring(dot + 1), value);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((option, optionValue) -> options.put(String.valueOf(option), optionValue));
        } else {
            options.put(Keys.URL.name(), value);
        }
    }

    private static void collectOptions(String key, String rest, Object value, Map<String, Object> options) {
        if (rest != null) {
            options.put(rest, value);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((option, optionValue) -> options.put(String.valueOf(option), optionValue));
        } else if (value instanceof EngineOptions) {
            throw new ConfigException("'" + key + "' in a map must be a map of options, not EngineOptions;"
                    + " use Carafe.builder().engineOptions(...) for typed options.");
        } else {
            throw new ConfigException("'" + key + "' must be a map of engine options, got "
                    + ConfigValues.describe(value) + ".");
        }
    }

    private static void readPropertiesFile(Path file, Map<String, Object> values) {
        Properties properties = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
            } else {
                try (InputStream stream = Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream("carafe.properties")) {
                    if (stream != null) properties.load(stream);
                }
            }
        } catch (IOException e) {
            throw new ConfigException("Could not read carafe.properties: " + e.getMessage());
        }
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
    }

    /** Applies the environment over the file's values: a key set in both takes the environment's value. */
    private static void applyEnvironment(Map<String, String> environment, Map<String, Object> values) {
        Map<String, String> keys = new LinkedHashMap<>();
        String plainUrl = environment.get("DATABASE_URL");
        if (plainUrl != null && !plainUrl.isBlank()) keys.put(Keys.DATABASE_URL.name(), plainUrl);
        environment.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(variable -> {
            if (!variable.getKey().startsWith(PREFIX)) return;
            String key = keyOf(variable.getKey().substring(PREFIX.length()));
            if (key == null) {
                LOG.warn("The environment variable {} names no Carafe configuration key and is ignored.{}",
                        variable.getKey(), guess(variable.getKey()));
            } else if (!variable.getValue().isBlank()) {
                check(variable.getKey(), key, variable.getValue());
                keys.put(key, variable.getValue());
            }
        });
        keys.forEach((key, value) -> {
            values.keySet().removeIf(existing -> sameKey(normalize(existing), key));
            values.put(key, value);
        });
    }

    /** Reads a value as its key will, so that a bad one is reported under the variable the user set. */
    private static void check(String variable, String key, String value) {
        Key<?> declared = Keys.scalar(key);
        if (declared == null && !key.contains("." + Keys.CONNECT_ARGS + ".")) {
            declared = Keys.option(key.substring(key.lastIndexOf('.') + 1));
        }
        if (declared != null) declared.read(variable, value);
    }

    private static boolean sameKey(String existing, String key) {
        if (existing.equals(key)) return true;
        // binds.<key> is the short form of binds.<key>.url.
        return key.startsWith(Keys.BINDS + ".") && key.endsWith(".url")
                && existing.equals(key.substring(0, key.length() - ".url".length()));
    }

    /** Maps an environment name without its prefix to a key, or {@code null} when it names none. */
    private static String keyOf(String name) {
        for (Key<?> key : Keys.SCALARS) {
            if (key.environmentName().equals(name)) return key.name();
        }
        String options = optionsKey(name, "ENGINE_OPTIONS_", Keys.ENGINE_OPTIONS);
        if (options != null) return options;
        options = optionsKey(name, "ENGINE_DEFAULTS_", Keys.ENGINE_DEFAULTS);
        if (options != null) return options;
        if (name.startsWith("BINDS_")) return bindKey(name.substring("BINDS_".length()));
        // The default bind's engine options, without ENGINE_OPTIONS_: CARAFE_POOL_SIZE.
        String option = option(name);
        return option == null ? null : Keys.ENGINE_OPTIONS + "." + option;
    }

    private static String optionsKey(String name, String prefix, String key) {
        if (!name.startsWith(prefix)) return null;
        String option = option(name.substring(prefix.length()));
        return option == null ? null : key + "." + option;
    }

    /** {@code POOL_SIZE} is {@code pool-size}; {@code CONNECT_ARGS_sslmode} is {@code connect-args.sslmode}. */
    private static String option(String name) {
        if (name.startsWith(CONNECT_ARGS_ENV) && name.length() > CONNECT_ARGS_ENV.length()) {
            return Keys.CONNECT_ARGS + "." + name.substring(CONNECT_ARGS_ENV.length());
        }
        for (Key<?> option : Keys.OPTIONS) {
            if (option.environmentName().equals(name)) return option.name();
        }
        return null;
    }

    /** {@code AUTH_POOL_SIZE} is {@code binds.auth.pool-size}: the longest option name that ends it wins. */
    private static String bindKey(String name) {
        List<Key<?>> options = new ArrayList<>(Keys.OPTIONS);
        options.sort(Comparator.comparingInt((Key<?> option) -> option.environmentName().length()).reversed());
        int connectArgs = name.indexOf("_" + CONNECT_ARGS_ENV);
        if (connectArgs > 0 && name.length() > connectArgs + CONNECT_ARGS_ENV.length() + 1) {
            return Keys.BINDS + "." + name.substring(0, connectArgs).toLowerCase(Locale.ROOT) + "." + Keys.CONNECT_ARGS
                    + "." + name.substring(connectArgs + CONNECT_ARGS_ENV.length() + 1);
        }
        for (Key<?> option : options) {
            String suffix = "_" + option.environmentName();
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                String bind = name.substring(0, name.length() - suffix.length()).toLowerCase(Locale.ROOT);
                return Keys.BINDS + "." + bind + "." + option.name();
            }
        }
        return null;
    }

    private static String guess(String variable) {
        List<String> known = new ArrayList<>();
        for (Key<?> key : Keys.SCALARS) known.add(PREFIX + key.environmentName());
        for (Key<?> option : Keys.OPTIONS) {
            known.add(PREFIX + option.environmentName());
            known.add(PREFIX + "ENGINE_OPTIONS_" + option.environmentName());
            known.add(PREFIX + "ENGINE_DEFAULTS_" + option.environmentName());
            // A bind's variable ends with an option after a bind key of any length: try each split.
            if (variable.startsWith(PREFIX + "BINDS_")) {
                for (int end = variable.indexOf('_', PREFIX.length() + "BINDS_".length()); end > 0;
                        end = variable.indexOf('_', end + 1)) {
                    known.add(variable.substring(0, end + 1) + option.environmentName());
                }
            }
        }
        return ClosestName.among(variable, known).map(name -> " Did you mean " + name + "?")
                .orElse(" See docs/configuration.md for every key's environment variable.");
    }
}
