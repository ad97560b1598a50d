package dev.carafe.schema.internal;

import dev.carafe.bind.internal.DatabaseKind;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether a model's column type and a database's column type are the same type, across the
 * names each database and driver gives: {@code varchar(255)} is {@code character varying(255)}
 * on H2, {@code integer} is {@code int4} on PostgreSQL and {@code int} on MariaDB, Hibernate's
 * {@code bit} is MariaDB's boolean, {@code float(53)} is {@code double precision}. SQLite keeps
 * any type name and stores by affinity, so there two types are the same when their affinities are.
 * Lengths and numeric precision count where both sides give them; fractional seconds and enum
 * values do not.
 */
final class ColumnTypes {
    private static final Pattern ARGUMENTS = Pattern.compile("\\(([^)]*)\\)");

    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("integer", "integer"),
            Map.entry("mediumint", "integer"), Map.entry("serial", "integer"),
            Map.entry("bigint", "bigint"), Map.entry("int8", "bigint"), Map.entry("bigserial", "bigint"),
            Map.entry("smallint", "smallint"), Map.entry("int2", "smallint"), Map.entry("smallserial", "smallint"),
            Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"), Map.entry("bit", "boolean"),
            Map.entry("varchar", "varchar"), Map.entry("character varying", "varchar"), Map.entry("varchar2", "varchar"),
            Map.entry("nvarchar", "varchar"), Map.entry("national character varying", "varchar"),
            Map.entry("char", "char"), Map.entry("character", "char"), Map.entry("bpchar", "char"),
            Map.entry("nchar", "char"), Map.entry("national character", "char"),
            Map.entry("text", "text"), Map.entry("clob", "text"), Map.entry("tinytext", "text"),
            Map.entry("mediumtext", "text"), Map.entry("longtext", "text"), Map.entry("character large object", "text"),
            Map.entry("numeric", "numeric"), Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"),
            Map.entry("double", "double"), Map.entry("double precision", "double"), Map.entry("float8", "double"),
            Map.entry("real", "real"), Map.entry("float4", "real"),
            Map.entry("timestamp", "timestamp"), Map.entry("datetime", "timestamp"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamptz", "timestamptz"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time", "time"), Map.entry("time without time zone", "time"),
            Map.entry("timetz", "timetz"), Map.entry("time with time zone", "timetz"),
            Map.entry("binary", "binary"), Map.entry("varbinary", "binary"), Map.entry("binary varying", "binary"),
            Map.entry("bytea", "binary"), Map.entry("blob", "binary"), Map.entry("tinyblob", "binary"),
            Map.entry("mediumblob", "binary"), Map.entry("longblob", "binary"), Map.entry("binary large object", "binary"));

    private ColumnTypes() {}

    /**
     * Whether two type names are one type on a database.
     *
     * @param kind the database
     * @param modelType the type Hibernate's dialect gives the model's column
     * @param databaseType the type the database reports
     * @return whether they are the same
     */
    static boolean same(DatabaseKind kind, String modelType, String databaseType) {
        if (kind == DatabaseKind.SQLITE) return sqliteAffinity(modelType).equals(sqliteAffinity(databaseType));
        Type model = Type.of(kind, modelType);
        Type database = Type.of(kind, databaseType);
        if (!model.family.equals(database.family)) return false;
        boolean sized = model.family.equals("varchar") || model.family.equals("char") || model.family.equals("numeric");
        return !sized || model.arguments == null || database.arguments == null
                || model.arguments.equals(database.arguments);
    }

    /** SQLite's rules for a declared type's affinity (https://sqlite.org/datatype3.html, 3.1). */
    private static String sqliteAffinity(String type) {
        String name = type.toLowerCase(Locale.ROOT);
        if (name.contains("int")) return "integer";
        if (name.contains("char") || name.contains("clob") || name.contains("text")) return "text";
        if (name.contains("blob") || name.isBlank()) return "blob";
        if (name.contains("real") || name.contains("floa") || name.contains("doub")) return "real";
        return "numeric";
    }

    /** A type reduced to its family and, for sized types, its arguments without spaces. */
    private record Type(String family, String arguments) {
        static Type of(DatabaseKind kind, String type) {
            String name = type.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ").replace(" unsigned", "");
            Matcher matcher = ARGUMENTS.matcher(name);
            String arguments = null;
            if (matcher.find()) {
                arguments = matcher.group(1).replace(" ", "");
                name = (name.substring(0, matcher.start()) + name.substring(matcher.end())).replaceAll("\\s+", " ").trim();
            }
            if (name.startsWith("enum")) return new Type("enum", null);
            if (name.equals("tinyint")) return new Type("1".equals(arguments) ? "boolean" : "tinyint", null);
            if (name.equals("float")) return new Type(floatFamily(kind, arguments), null);
            String family = FAMILIES.getOrDefault(name, name);
            // H2 keeps text as a character varying of its longest length.
            if (kind == DatabaseKind.H2 && family.equals("varchar") && "1000000000".equals(arguments)) return new Type("text", null);
            if (family.equals("numeric") && arguments != null && !arguments.contains(",")) arguments += ",0";
            return new Type(family, Objects.equals(family, "boolean") ? null : arguments);
        }

        /** {@code float(p)} is single precision up to 24 bits; a bare {@code float} is single only on MySQL and MariaDB. */
        private static String floatFamily(DatabaseKind kind, String precision) {
            if (precision == null || precision.isEmpty()) return kind.isMySqlFamily() ? "real" : "double";
            try {
                return Integer.parseInt(precision) <= 24 ? "real" : "double";
            } catch (NumberFormatException e) {
                return "double";
            }
        }
    }
}
