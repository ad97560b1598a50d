package dev.carafe.bind.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.temptable.StandardLocalTemporaryTableStrategy;
import org.hibernate.dialect.temptable.TemporaryTableStrategy;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
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
 * </ul>
 */
public final class SqliteDialect extends SQLiteDialect {
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
