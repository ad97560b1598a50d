package dev.carafe.javalin.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Writes JSON values by hand, so the debug view needs no JSON library. */
final class JsonText {
    private JsonText() {}

    /** Writes a string, escaped. */
    static StringBuilder string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /**
     * Writes a bound value: numbers and booleans as themselves, binary data as its size, anything
     * else as the string of its {@code toString()}.
     */
    static StringBuilder value(StringBuilder out, Object value) {
        if (value == null) return out.append("null");
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger || value instanceof BigDecimal) {
            return out.append(value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString());
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? out.append(value) : string(out, value.toString());
        }
        if (value instanceof byte[] bytes) return string(out, "<" + bytes.length + " bytes>");
        return string(out, value.toString());
    }

    /** Writes the parameter sets of a statement: one array per execution. */
    static StringBuilder parameters(StringBuilder out, List<List<Object>> parameters) {
        out.append('[');
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) out.append(", ");
            out.append('[');
            List<Object> values = parameters.get(i);
            for (int j = 0; j < values.size(); j++) {
                if (j > 0) out.append(", ");
                value(out, values.get(j));
            }
            out.append(']');
        }
        return out.append(']');
    }
}
