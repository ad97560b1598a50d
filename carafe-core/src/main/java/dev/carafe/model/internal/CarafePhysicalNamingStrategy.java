package dev.carafe.model.internal;

import java.util.Locale;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/**
 * Puts into snake_case the column names that Hibernate makes up without asking the implicit
 * naming strategy ({@link CarafeNamingStrategy}): the discriminator {@code DTYPE} of an inheritance
 * hierarchy, and the {@code <attribute>_ORDER} and {@code <attribute>_KEY} of a list or map
 * collection. Any other name, and any quoted name, is kept as it is. (An explicit unquoted name
 * ending in {@code _ORDER} or {@code _KEY} is rewritten too; it cannot be told apart from
 * Hibernate's own.)
 */
public final class CarafePhysicalNamingStrategy extends PhysicalNamingStrategyStandardImpl {
    private static final long serialVersionUID = 1L;
    private static final String[] COLLECTION_SUFFIXES = {"_ORDER", "_KEY"};

    @Override
    public Identifier toPhysicalColumnName(Identifier logicalName, JdbcEnvironment environment) {
        if (logicalName == null || logicalName.isQuoted()) return logicalName;
        String name = logicalName.getText();
        if (name.equals("DTYPE")) return Identifier.toIdentifier("dtype");
        for (String suffix : COLLECTION_SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                String attribute = name.substring(0, name.length() - suffix.length());
                return Identifier.toIdentifier(SnakeCase.of(attribute) + suffix.toLowerCase(Locale.ROOT));
            }
        }
        return logicalName;
    }
}
