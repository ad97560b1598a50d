package dev.carafe.query.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

/**
 * Converts a value given as a number or a string (a path segment, a query parameter) to the Java
 * type of a model's attribute.
 */
public final class ValueConverter {
    private ValueConverter() {}

    /** Returns the converted value, or {@code null} when {@code id} cannot be a value of {@code idType}. */
    public static Object convert(Class<?> idType, Object id) {
        if (idType.isInstance(id) || id == null) return id;
        Class<?> type = box(idType);
        if (type.isInstance(id)) return id;
        try {
            if (id instanceof Number number && isIntegral(number)) {
                return fromLong(type, number.longValue());
            }
            if (id instanceof String text) {
                String trimmed = text.trim();
                if (type == Long.class || type == Integer.class || type == Short.class) {
                    return fromLong(type, Long.parseLong(trimmed));
                }
                if (type == BigInteger.class) return new BigInteger(trimmed);
                if (type == UUID.class) return UUID.fromString(trimmed);
                if (type == Boolean.class) {
                    if (trimmed.equalsIgnoreCase("true")) return true;
                    if (trimmed.equalsIgnoreCase("false")) return false;
                    return null;
                }
                if (type.isEnum()) return enumConstant(type, trimmed);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class<? extends Enum>) type, name);
    }

    private static boolean isIntegral(Number number) {
        return number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte || number instanceof BigInteger
                || (number instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0);
    }

    private static Object fromLong(Class<?> type, long value) {
        if (type == Long.class) return value;
        if (type == Integer.class) return Math.toIntExact(value);
        if (type == Short.class) {
            if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) throw new ArithmeticException("short overflow");
            return (short) value;
        }
        if (type == BigInteger.class) return BigInteger.valueOf(value);
        if (type == String.class) return Long.toString(value);
        throw new IllegalArgumentException("not a numeric id type");
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) return type;
        if (type == long.class) return Long.class;
        if (type == int.class) return Integer.class;
        if (type == short.class) return Short.class;
        if (type == boolean.class) return Boolean.class;
        return type;
    }
}
