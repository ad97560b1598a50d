package dev.carafe.migrate.internal;

import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.QualifiedTableName;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.extract.spi.ColumnInformation;
import org.hibernate.tool.schema.extract.spi.ForeignKeyInformation;
import org.hibernate.tool.schema.extract.spi.IndexInformation;
import org.hibernate.tool.schema.extract.spi.PrimaryKeyInformation;
import org.hibernate.tool.schema.extract.spi.TableInformation;

/**
 * An existing table as Hibernate's table migrator is told it is, so that the dialect writes the
 * {@code add column} and {@code alter column} statements Carafe decided on, and no others: the
 * missing columns are absent, the columns to change have a type nothing matches, every other
 * column has exactly the model's type.
 */
final class ExistingColumns implements TableInformation {
    private final QualifiedTableName name;
    private final Map<String, ColumnInformation> columns = new HashMap<>();

    ExistingColumns(Table table, Metadata metadata, Dialect dialect, Set<String> missing, Set<String> changed) {
        this.name = new QualifiedTableName(null, null, table.getNameIdentifier());
        for (Column column : table.getColumns()) {
            String key = column.getName().toLowerCase(Locale.ROOT);
            if (missing.contains(key)) continue;
            columns.put(key, changed.contains(key) ? new Info(this, column.getName(), "carafe changes this type", Types.OTHER,
                    0, 0, column.isNullable()) : modelColumn(column, metadata, dialect));
        }
    }

    private ColumnInformation modelColumn(Column column, Metadata metadata, Dialect dialect) {
        Size size = column.getColumnSize(dialect, metadata);
        int length = size.getLength() != null ? size.getLength().intValue()
                : size.getPrecision() != null ? size.getPrecision() : 0;
        return new Info(this, column.getName(), column.getSqlType(metadata), column.getSqlTypeCode(metadata), length,
                size.getScale() == null ? 0 : size.getScale(), column.isNullable());
    }

    @Override
    public QualifiedTableName getName() {
        return name;
    }

    @Override
    public boolean isPhysicalTable() {
        return true;
    }

    @Override
    public String getComment() {
        return null;
    }

    @Override
    public ColumnInformation getColumn(Identifier columnIdentifier) {
        return columns.get(columnIdentifier.getText().toLowerCase(Locale.ROOT));
    }

    @Override
    public PrimaryKeyInformation getPrimaryKey() {
        return null;
    }

    @Override
    public Iterable<ForeignKeyInformation> getForeignKeys() {
        return List.of();
    }

    @Override
    public ForeignKeyInformation getForeignKey(Identifier keyName) {
        return null;
    }

    @Override
    public Iterable<IndexInformation> getIndexes() {
        return List.of();
    }

    @Override
    public IndexInformation getIndex(Identifier indexName) {
        return null;
    }

    @Override
    public void addColumn(ColumnInformation columnIdentifier) {
        throw new UnsupportedOperationException("read only");
    }

    private record Info(TableInformation table, String name, String typeName, int typeCode, int size, int digits,
            boolean nullable) implements ColumnInformation {
        @Override
        public TableInformation getContainingTableInformation() {
            return table;
        }

        @Override
        public Identifier getColumnIdentifier() {
            return Identifier.toIdentifier(name);
        }

        @Override
        public Boolean getNullable() {
            return nullable;
        }

        @Override
        public int getTypeCode() {
            return typeCode;
        }

        @Override
        public String getTypeName() {
            return typeName;
        }

        @Override
        public int getColumnSize() {
            return size;
        }

        @Override
        public int getDecimalDigits() {
            return digits;
        }
    }
}
