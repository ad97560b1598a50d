package dev.carafe.bind.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.temptable.StandardLocalTemporaryTableStrategy;
import org.hibernate.dialect.temptable.TemporaryTableStrategy;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.spi.SQLExceptionConversionDelegate;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Table;
import org.hibernate.metamodel.mapping.EntityMappingType;
import org.hibernate.metamodel.spi.RuntimeModelCreationContext;
import org.hibernate.query.sqm.mutation.internal.temptable.LocalTemporaryTableInsertStrategy;
import org.hibernate.query.sqm.mutation.internal.temptable.LocalTemporaryTableMutationStrategy;
import org.hibernate.query.sqm.mutation.spi.AfterUseAction;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableInsertStrategy;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableMutationStrategy;
import org.hibernate.tool.schema.internal.StandardTableExporter;
import org.hibernate.tool.schema.spi.Exporter;

/**
 * Hibernate's SQLite dialect with two changes, so that SQLite behaves as the other databases do:
 * <ul>
 *   <li>The foreign keys of a table are written into its {@code create table}. SQLite cannot add a
 *       constraint to an existing table, so Hibernate's dialect creates no foreign keys at all;
 *       Flask-SQLAlchemy declares them inline, and {@code reflect()} then sees them. (SQLite
 *       enforces them only with {@code PRAGMA foreign_keys=ON}, as with Flask-SQLAlchemy.)
 *   <li>Bulk updates and deletes across several tables (a joined hierarchy) use temporary tables
 *       of the connection. Hibernate's dialect declares none, so Hibernate fell back to ordinary
 *       {@code HT_} and {@code HTE_} tables, created in the user's database when the bind started.
 *   <li>A constraint the database enforces (unique, primary key, foreign key, not-null, check) fails
 *       as Hibernate's {@link ConstraintViolationException}, naming what failed: Hibernate's dialect
 *       knew only SQLite's basic result code, while the driver reports the extended ones
 *       ({@code SQLITE_CONSTRAINT_UNIQUE}).
 * </ul>
 */
public final class SqliteDialect extends SQLiteDialect {
    private static final int SQLITE_CONSTRAINT = 19;

    private final Exporter<Table> tableExporter = new InlineForeignKeys(this);

    /**
     * Creates the dialect for the SQLite version Hibernate resolved.
     *
     * @param info the database name and version
     */
    public SqliteDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    public Exporter<Table> getTableExporter() {
        return tableExporter;
    }

    @Override
    public SQLExceptionConversionDelegate buildSQLExceptionConversionDelegate() {
        SQLExceptionConversionDelegate hibernates = super.buildSQLExceptionConversionDelegate();
        return (error, message, sql) -> {
            // SQLITE_CONSTRAINT is 19; its extended codes keep 19 in their low byte.
            if ((error.getErrorCode() & 0xFF) == SQLITE_CONSTRAINT) {
                return new ConstraintViolationException(message, error, sql, constraintKind(error.getErrorCode()),
                        failedConstraint(error.getMessage()));
            }
            return hibernates == null ? null : hibernates.convert(error, message, sql);
        };
    }

    private static ConstraintViolationException.ConstraintKind constraintKind(int code) {
        return switch (code) {
            case 2067, 1555 -> ConstraintViolationException.ConstraintKind.UNIQUE;
            case 787 -> ConstraintViolationException.ConstraintKind.FOREIGN_KEY;
            case 1299 -> ConstraintViolationException.ConstraintKind.NOT_NULL;
            case 275 -> ConstraintViolationException.ConstraintKind.CHECK;
            default -> ConstraintViolationException.ConstraintKind.OTHER;
        };
    }

    /** SQLite names no constraint; it says which columns: "UNIQUE constraint failed: book.isbn". */
    private static String failedConstraint(String message) {
        String marker = "constraint failed: ";
        int at = message == null ? -1 : message.indexOf(marker);
        if (at < 0) return null;
        String rest = message.substring(at + marker.length());
        int end = rest.indexOf(')');
        return (end < 0 ? rest : rest.substring(0, end)).strip();
    }

    @Override
    public TemporaryTableStrategy getLocalTemporaryTableStrategy() {
        return ConnectionTemporaryTables.INSTANCE;
    }

    @Override
    public SqmMultiTableMutationStrategy getFallbackSqmMutationStrategy(EntityMappingType entity,
            RuntimeModelCreationContext context) {
        return new LocalTemporaryTableMutationStrategy(entity, context);
    }

    @Override
    public SqmMultiTableInsertStrategy getFallbackSqmInsertStrategy(EntityMappingType entity,
            RuntimeModelCreationContext context) {
        return new LocalTemporaryTableInsertStrategy(entity, context);
    }

    /** SQLite's temporary tables: private to the connection, created before use, dropped after. */
    private static final class ConnectionTemporaryTables extends StandardLocalTemporaryTableStrategy {
        static final ConnectionTemporaryTables INSTANCE = new ConnectionTemporaryTables();

        @Override
        public String getTemporaryTableCreateCommand() {
            return "create temporary table if not exists";
        }

        @Override
        public AfterUseAction getTemporaryTableAfterUseAction() {
            // A pooled connection outlives the session: leave no rows, nor the table, behind.
            return AfterUseAction.DROP;
        }
    }

    private static final class InlineForeignKeys extends StandardTableExporter {
        InlineForeignKeys(Dialect dialect) {
            super(dialect);
        }

        @Override
        protected void applyTableCheck(Table table, StringBuilder buf) {
            super.applyTableCheck(table, buf);
            for (ForeignKey key : table.getForeignKeyCollection()) {
                if (!key.isCreationEnabled() || key.getReferencedTable() == null) continue;
                List<Column> referenced = key.isReferenceToPrimaryKey()
                        ? key.getReferencedTable().getPrimaryKey().getColumns() : key.getReferencedColumns();
                buf.append(", constraint ").append(dialect.quote(key.getName()))
                        .append(" foreign key (").append(names(key.getColumns()))
                        .append(") references ").append(key.getReferencedTable().getQuotedName(dialect))
                        .append(" (").append(names(referenced)).append(')');
            }
        }

        private String names(List<Column> columns) {
            return columns.stream().map(column -> column.getQuotedName(dialect)).collect(Collectors.joining(", "));
        }
    }
}
