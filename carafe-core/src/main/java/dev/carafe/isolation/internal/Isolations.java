package dev.carafe.isolation.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.BindSet;
import dev.carafe.isolation.Isolation;
import dev.carafe.observe.internal.Observers;
import dev.carafe.schema.internal.TableReset;
import dev.carafe.session.internal.Contexts;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Begins and ends the isolations of one Carafe instance, one at a time: the feature behind
 * {@code db.isolate()}. Thread-safe.
 */
public final class Isolations {
    private static final Logger LOG = LoggerFactory.getLogger("carafe.isolation");

    private final BindSet binds;
    private final Contexts contexts;
    private final Observers observers;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private ActiveIsolation active;

    /**
     * Creates the feature.
     *
     * @param binds the binds to pin
     * @param contexts the contexts to watch
     * @param observers the statement observers, whose N+1 detection a test may switch
     */
    public Isolations(BindSet binds, Contexts contexts, Observers observers) {
        this.binds = binds;
        this.contexts = contexts;
        this.observers = observers;
    }

    /**
     * Begins an isolation of every bind.
     *
     * @return the isolation, to close at the end of the test
     * @throws IllegalStateException when one is already open
     */
    public synchronized Isolation isolate() {
        if (active != null) {
            throw new IllegalStateException("This Carafe instance is already isolated, by an isolation begun on thread '"
                    + active.ownerName() + "'. Close it first: the tests that share a db run one at a time (with JUnit's"
                    + " parallel execution, mark their classes @Execution(ExecutionMode.SAME_THREAD)).");
        }
        active = new ActiveIsolation(this, binds.select(), contexts, observers);
        return active;
    }

    synchronized void ended(ActiveIsolation isolation) {
        if (active == isolation) active = null;
    }

    /** Empties a bind whose transaction a statement committed, and says so the first time. */
    void fellBack(Bind bind, String statement) {
        String shown = statement.length() > 80 ? statement.substring(0, 77) + "..." : statement;
        String database = bind.kind().productName() != null ? bind.kind().productName() : "this database";
        if (announced.add(bind.key())) {
            LOG.warn("Bind '{}': the statement \"{}\" committed the test's transaction ({} commits DDL by itself), so"
                    + " Carafe emptied the bind's tables after the test instead of rolling it back; rows that were"
                    + " there before the test are gone too. Run DDL such as createAll() before the tests, in @BeforeAll,"
                    + " to keep them isolated. (Said once per bind.)", bind.key(), shown, database);
        } else {
            LOG.debug("Bind '{}': \"{}\" committed the test's transaction; emptied the bind's tables", bind.key(), shown);
        }
        TableReset.reset(bind);
    }
}
