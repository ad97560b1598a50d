package dev.carafe.schema;

import java.util.Locale;

/**
 * One way a bind's live schema differs from its models: what {@code db.schemaDifferences()}
 * reports, {@code db.checkSchema()} refuses, and a generated migration fixes. Types are the
 * database's own names, lower case, as {@link Column#type()} gives them.
 *
 * <p>Every difference names its bind and table, and describes itself in one line, such as
 * {@code column todo.title: the model has varchar(200), the database varchar(100)}.
 */
public sealed interface SchemaDifference {
    /**
     * Returns the bind whose schema differs.
     *
     * @return the bind key
     */
    String bindKey();

    /**
     * Returns the table that differs.
     *
     * @return the table's name
     */
    String table();

    /**
     * Describes the difference in one line, naming the table, the column and both types where they apply.
     *
     * @return the description
     */
    String describe();

    /**
     * A model's table that the database does not have.
     *
     * @param bindKey the bind
     * @param table the table
     */
    record MissingTable(String bindKey, String table) implements SchemaDifference {
        @Override
        public String describe() {
            return "table " + table + ": missing from the database";
        }
    }

    /**
     * A model's column that the database's table does not have.
     *
     * @param bindKey the bind
     * @param table the table
     * @param column the column
     * @param modelType the column's type in the model
     */
    record MissingColumn(String bindKey, String table, String column, String modelType) implements SchemaDifference {
        @Override
        public String describe() {
            return "column " + table + "." + column + ": missing from the database (the model has " + modelType + ")";
        }
    }

    /**
     * A column whose type in the database is not the model's.
     *
     * @param bindKey the bind
     * @param table the table
     * @param column the column
     * @param modelType the type in the model
     * @param databaseType the type in the database
     */
    record ColumnTypeDiffers(String bindKey, String table, String column, String modelType, String databaseType)
            implements SchemaDifference {
        @Override
        public String describe() {
            return "column " + table + "." + column + ": the model has " + modelType + ", the database " + databaseType;
        }
    }

    /**
     * A column that accepts null in the model and not in the database, or the other way round.
     *
     * @param bindKey the bind
     * @param table the table
     * @param column the column
     * @param modelNullable whether the model's column accepts null (the database's does the opposite)
     */
    record NullabilityDiffers(String bindKey, String table, String column, boolean modelNullable)
            implements SchemaDifference {
        @Override
        public String describe() {
            return "column " + table + "." + column + ": the model has " + nullability(modelNullable)
                    + ", the database " + nullability(!modelNullable);
        }

        private static String nullability(boolean nullable) {
            return nullable ? "null allowed" : "not null";
        }
    }

    /**
     * A model's index or unique constraint that the database's table does not have.
     *
     * @param bindKey the bind
     * @param table the table
     * @param index the index as the model declares it
     */
    record MissingIndex(String bindKey, String table, Index index) implements SchemaDifference {
        @Override
        public String describe() {
            return kind(index) + " " + table + " (" + String.join(", ", index.columns()) + "): missing from the database";
        }
    }

    /**
     * A model's foreign key that the database's table does not have.
     *
     * @param bindKey the bind
     * @param table the table
     * @param foreignKey the key as the model declares it
     */
    record MissingForeignKey(String bindKey, String table, ForeignKey foreignKey) implements SchemaDifference {
        @Override
        public String describe() {
            return "foreign key " + reference(table, foreignKey) + ": missing from the database";
        }
    }

    /**
     * A table of the database that no model of the bind maps.
     *
     * @param bindKey the bind
     * @param table the table
     */
    record ExtraTable(String bindKey, String table) implements SchemaDifference {
        @Override
        public String describe() {
            return "table " + table + ": in the database, no model maps it";
        }
    }

    /**
     * A column of the database's table that the model does not have.
     *
     * @param bindKey the bind
     * @param table the table
     * @param column the column
     * @param databaseType its type in the database
     * @param nullable whether it accepts null: a column the model does not know that refuses null makes inserts fail
     */
    record ExtraColumn(String bindKey, String table, String column, String databaseType, boolean nullable)
            implements SchemaDifference {
        @Override
        public String describe() {
            return "column " + table + "." + column + " (" + databaseType + (nullable ? "" : " not null")
                    + "): in the database, not in the model";
        }
    }

    /**
     * An index or unique constraint of the database's table that the model does not declare.
     *
     * @param bindKey the bind
     * @param table the table
     * @param index the index as the database has it
     */
    record ExtraIndex(String bindKey, String table, Index index) implements SchemaDifference {
        @Override
        public String describe() {
            return kind(index) + " " + index.name() + " on " + table + " (" + String.join(", ", index.columns())
                    + "): in the database, not in the model";
        }
    }

    /**
     * A foreign key of the database's table that the model does not declare.
     *
     * @param bindKey the bind
     * @param table the table
     * @param foreignKey the key as the database has it
     */
    record ExtraForeignKey(String bindKey, String table, ForeignKey foreignKey) implements SchemaDifference {
        @Override
        public String describe() {
            return "foreign key " + reference(table, foreignKey) + ": in the database, not in the model";
        }
    }

    private static String kind(Index index) {
        return index.unique() ? "unique index" : "index";
    }

    private static String reference(String table, ForeignKey key) {
        return table + " (" + String.join(", ", key.columns()) + ") -> "
                + key.referencedTable().toLowerCase(Locale.ROOT) + " (" + String.join(", ", key.referencedColumns()) + ")";
    }
}
