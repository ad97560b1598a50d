package dev.carafe.observe.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a statement came from: the stack captured when it ran, resolved on first use to the
 * first frame of the application's own code (not Carafe, Hibernate, HikariCP, datasource-proxy, a
 * JDBC driver, the JDK, Jetty, Javalin or generated proxies).
 *
 * <p>Capturing is cheap (the JVM records methods and bytecode indexes, about 5 µs for a web
 * request's 100 frames); naming the frames is not (about 30 µs). So a statement pays only the
 * capture, and the name is worked out when someone reads it: the recorded queries, an N+1 check
 * of a statement that repeats, a slow-statement warning.
 */
public final class CodeLocation {
    /** What is reported when no frame belongs to the application. */
    public static final String UNKNOWN = "<unknown>";

    private static final String[] LIBRARY_PREFIXES = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.", "kotlin.", "org.hibernate.", "com.zaxxer.",
        "net.ttddyy.", "org.h2.", "org.postgresql.", "org.mariadb.", "org.sqlite.", "com.mysql.", "org.eclipse.jetty.",
        "io.javalin.", "gg.jte.", "org.junit.", "org.apache.maven.", "io.micrometer.", "org.slf4j.", "ch.qos.logback."
    };
    private static final Set<Object> CARAFE_CODE = carafeCodeSources();
    private static final Map<String, Boolean> CARAFE_PACKAGE_CLASSES = new ConcurrentHashMap<>();

    private static final StackWalker WALKER = StackWalker.getInstance();

    private Throwable stack;
    private String resolved;

    private CodeLocation(Throwable stack, String resolved) {
        this.stack = stack;
        this.resolved = resolved;
    }

    /**
     * Captures the calling thread's stack, to be named later.
     *
     * @return the unresolved location
     */
    public static CodeLocation capture() {
        return new CodeLocation(new Throwable(), null);
    }

    /**
     * Names the application frame nearest the top of the stack right away, walking only as far as
     * it: cheap when called from Carafe's API methods, a few frames below the application's call.
     *
     * @return the resolved location
     */
    public static CodeLocation ofCaller() {
        return new CodeLocation(null, WALKER.walk(frames -> frames
                .filter(frame -> isApplication(frame.getClassName()))
                .findFirst()
                .map(frame -> format(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                        frame.getLineNumber()))
                .orElse(UNKNOWN)));
    }

    /**
     * Returns {@code com.example.Views.index(Views.java:42)} for the application frame that ran the
     * statement, or {@link #UNKNOWN}; resolved once, after which the captured stack is released.
     *
     * @return the location
     */
    public synchronized String get() {
        if (resolved == null) {
            resolved = firstApplicationFrame(stack.getStackTrace());
            stack = null;
        }
        return resolved;
    }

    private static String firstApplicationFrame(StackTraceElement[] frames) {
        for (StackTraceElement frame : frames) {
            if (isApplication(frame.getClassName())) {
                return format(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
            }
        }
        return UNKNOWN;
    }

    private static String format(String className, String method, String file, int line) {
        return className + "." + method + "(" + file + ":" + line + ")";
    }

    /**
     * A class is Carafe's own when it is in one of Carafe's packages and comes from one of Carafe's
     * jars; so an application's (or a test's) class in a {@code dev.carafe} package counts as
     * application code, and so does everything outside those packages in a fat jar.
     */
    private static boolean isApplication(String className) {
        for (String prefix : LIBRARY_PREFIXES) {
            if (className.startsWith(prefix)) return false;
        }
        if (className.contains("$HibernateProxy") || className.contains("$$")) return false;
        if (!className.startsWith("dev.carafe.")) return true;
        return CARAFE_PACKAGE_CLASSES.computeIfAbsent(className, CodeLocation::isOutsideCarafesJars);
    }

    private static boolean isOutsideCarafesJars(String className) {
        try {
            return !CARAFE_CODE.contains(codeSource(Class.forName(className, false, CodeLocation.class.getClassLoader())));
        } catch (ClassNotFoundException | LinkageError e) {
            // Not visible to Carafe's class loader, so not one of Carafe's classes.
            return true;
        }
    }

    private static Set<Object> carafeCodeSources() {
        Set<Object> sources = new java.util.HashSet<>();
        for (String marker : new String[] {"dev.carafe.Carafe", "dev.carafe.servlet.CarafeFilter", "dev.carafe.javalin.CarafePlugin",
                "dev.carafe.test.CarafeExtension"}) {
            try {
                sources.add(codeSource(Class.forName(marker, false, CodeLocation.class.getClassLoader())));
            } catch (ClassNotFoundException | LinkageError e) {
                // That module is not on the classpath.
            }
        }
        return sources;
    }

    private static Object codeSource(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "<none>" : source.getLocation().toString();
    }
}
