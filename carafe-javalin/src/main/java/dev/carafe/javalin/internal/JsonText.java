package dev.carafe.javalin.internal;

import dev.carafe.web.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Writes JSON values by hand, so the debug view needs no JSON library. */
final class JsonText {
    private JsonText() {}

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
            return Double.isFinite(number) ? out.append(value) : JsonString.append(out, value.toString());
        }
        if (value instanceof byte[] bytes) return JsonString.append(out, "<" + bytes.length + " bytes>");
        return JsonString.append(out, value.toString());
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
