package dev.carafe.schema;

import dev.carafe.error.CarafeException;
import java.util.List;

/**
 * A bind's live schema differs from its models: thrown by {@code db.checkSchema()}, with each
 * difference in its message (table, column, both types) and the fix.
 */
public class SchemaDriftException extends CarafeException {
    private static final long serialVersionUID = 1L;

    private final transient List<SchemaDifference> differences;

    /**
     * Creates the exception.
     *
     * @param message the differences and the fix
     * @param differences the differences, in the order of the message
     */
    public SchemaDriftException(String message, List<SchemaDifference> differences) {
        super(message);
        this.differences = List.copyOf(differences);
    }

    /**
     * Returns the differences.
     *
     * @return the differences, bind by bind, table by table
     */
    public List<SchemaDifference> differences() {
        return differences;
    }
}
