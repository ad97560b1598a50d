package dev.carafe.query.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Converts a value given as a number or a string (a path segment, a query parameter) to the Java
 * type of a model's attribute, and names types the way a user would write them.
 */
public final class ValueConverter {
    private ValueConverter() {}

    /**
     * Converts a value to a type.
     *
     * @param type the attribute's type
     * @param value a value of that type, a number, or text
     * @return the converted value, or {@code null} when {@code value} cannot be one of {@code type}
     */
    public static Object convert(Class<?> type, Object value) {
        if (value == null) return null;
        Class<?> boxed = box(type);
        if (boxed.isInstance(value)) return value;
        try {
            if (value instanceof Number number) return fromNumber(boxed, number);
            if (value instanceof String text) return fromText(boxed, text.trim());
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            return null;
        }
        return null;
    }

    private static Object fromNumber(Class<?> type, Number number) {
        if (isIntegral(number)) {
            if (isWholeNumberType(type)) return fromLong(type, number.longValue());
            if (type == BigInteger.class) return new BigInteger(number.toString());
            if (type == String.class) return Long.toString(number.longValue());
        }
        if (type == BigDecimal.class) return new BigDecimal(number.toString());
        if (type == Double.class) return finite(number.doubleValue());
        return null;
    }

    private static Object fromText(Class<?> type, String text) {
        if (isWholeNumberType(type)) return fromLong(type, Long.parseLong(text));
        if (type == BigInteger.class) return new BigInteger(text);
        if (type == BigDecimal.class) return new BigDecimal(text);
        if (type == Double.class) return finite(Double.parseDouble(text));
        if (type == Float.class) return (float) finite(Float.parseFloat(text));
        if (type == UUID.class) return UUID.fromString(text);
        if (type == Boolean.class) {
            if (text.equalsIgnoreCase("true")) return true;
            if (text.equalsIgnoreCase("false")) return false;
            return null;
        }
        if (type.isEnum()) return enumConstant(type, text);
        return temporal(type).map(parse -> parse.apply(text)).orElse(null);
    }

    private static java.util.Optional<Function<String, Object>> temporal(Class<?> type) {
        Function<String, Object> parse = null;
        if (type == LocalDate.class) parse = LocalDate::parse;
        else if (type == LocalDateTime.class) parse = LocalDateTime::parse;
        else if (type == LocalTime.class) parse = LocalTime::parse;
        else if (type == Instant.class) parse = Instant::parse;
        else if (type == OffsetDateTime.class) parse = OffsetDateTime::parse;
        else if (type == ZonedDateTime.class) parse = ZonedDateTime::parse;
        return java.util.Optional.ofNullable(parse);
    }

    private static double finite(double number) {
        if (!Double.isFinite(number)) throw new ArithmeticException("not a finite number");
        return number;
    }

    /**
     * Names a type as a user writes a value of it, for messages: {@code a whole number},
     * {@code a date such as 2024-05-31}, {@code one of DRAFT, PUBLISHED}.
     *
     * @param type the attribute's type
     * @return the words
     */
    public static String describe(Class<?> type) {
        Class<?> boxed = box(type);
        if (isWholeNumberType(boxed) || boxed == BigInteger.class) return "a whole number";
        if (boxed == BigDecimal.class || boxed == Double.class || boxed == Float.class) return "a number";
        if (boxed == Boolean.class) return "true or false";
        if (boxed == UUID.class) return "a UUID";
        if (boxed == LocalDate.class) return "a date such as 2024-05-31";
        if (boxed == LocalDateTime.class) return "a date and time such as 2024-05-31T09:30";
        if (boxed == LocalTime.class) return "a time such as 09:30";
        if (boxed == Instant.class) return "an instant such as 2024-05-31T09:30:00Z";
        if (boxed == OffsetDateTime.class || boxed == ZonedDateTime.class) {
            return "a date and time with an offset such as 2024-05-31T09:30:00+02:00";
        }
        if (boxed.isEnum()) {
            return "one of " + Arrays.stream(boxed.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (boxed == String.class) return "text";
        // No article before a type's name: "a" or "an" depends on how the name sounds (an Instant, a URL).
        return "a value of type " + boxed.getSimpleName();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum) constant).name().equalsIgnoreCase(name)) return constant;
        }
        return Enum.valueOf((Class<? extends Enum>) type, name);
    }

    private static boolean isIntegral(Number number) {
        return number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte || number instanceof BigInteger
                || (number instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0);
    }

    private static boolean isWholeNumberType(Class<?> type) {
        return type == Long.class || type == Integer.class || type == Short.class || type == Byte.class;
    }

    private static Object fromLong(Class<?> type, long value) {
        if (type == Long.class) return value;
        if (type == Integer.class) return Math.toIntExact(value);
        if (type == Short.class) {
            if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) throw new ArithmeticException("short overflow");
            return (short) value;
        }
        if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) throw new ArithmeticException("byte overflow");
        return (byte) value;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) return type;
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }
}
