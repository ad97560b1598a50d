package dev.carafe.config;

import java.util.Locale;

/**
 * One configuration key or engine option: its name, its default, and how a value given in code,
 * in a map, in {@code carafe.properties} or in the environment is read and checked. Declaring a key
 * here is all it takes for the loaders, {@code equals}, {@code toString} and the messages to know it.
 *
 * @param name the key as written in {@code carafe.properties}, such as {@code record-queries}
 * @param defaultValue the value when the key is not set, or {@code null}
 * @param reader reads a typed or text value, checking it, or throws a {@link ConfigException}
 *     naming where it came from
 * @param secret whether the value is masked in {@code toString}
 * @param <T> the value's type
 */
record Key<T>(String name, T defaultValue, Reader<T> reader, boolean secret) {

    /** Reads one key's value. */
    @FunctionalInterface
    interface Reader<T> {
        /**
         * Reads a value.
         *
         * @param where the key as the user wrote it, for messages
         * @param value a typed value, or text from a file or the environment
         * @return the value
         */
        T read(String where, Object value);
    }

    /** Each key is declared once, in {@link Keys}: the key is that instance (two options may share a name). */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    static <T> Key<T> of(String name, T defaultValue, Reader<T> reader) {
        return new Key<>(name, defaultValue, reader, false);
    }

    static <T> Key<T> secret(String name, T defaultValue, Reader<T> reader) {
        return new Key<>(name, defaultValue, reader, true);
    }

    /**
     * Reads and checks a value of this key.
     *
     * @param where the key as the user wrote it
     * @param value the value
     * @return the value, typed
     */
    T read(String where, Object value) {
        return reader.read(where, value);
    }

    /**
     * Returns the key's environment variable name under a prefix: {@code record-queries} is
     * {@code RECORD_QUERIES}.
     *
     * @return the name's environment form
     */
    String environmentName() {
        return name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /**
     * Describes a value of this key for {@code toString}, masking secrets.
     *
     * @param value the value
     * @return the text
     */
    String describe(Object value) {
        if (value == null) return "null";
        if (secret) return "***";
        return value instanceof Enum<?> constant ? constant.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
    }
}
