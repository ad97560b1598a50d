package dev.carafe.internal.observe;

import java.util.Set;

/**
 * Finds the first frame of the application's own code on the stack: not Carafe, Hibernate,
 * HikariCP, datasource-proxy, a JDBC driver, the JDK, Jetty, Javalin or generated proxies.
 */
public final class CodeLocation {
    /** What is reported when no frame belongs to the application. */
    public static final String UNKNOWN = "<unknown>";

    private static final String[] LIBRARY_PREFIXES = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.", "kotlin.", "org.hibernate.", "com.zaxxer.",
        "net.ttddyy.", "org.h2.", "org.postgresql.", "org.mariadb.", "org.sqlite.", "com.mysql.", "org.eclipse.jetty.",
        "io.javalin.", "gg.jte.", "org.junit.", "org.apache.maven.", "io.micrometer.", "org.slf4j.", "ch.qos.logback.",
        "dev.carafe.internal.", "dev.carafe.servlet.internal.", "dev.carafe.javalin.internal."
    };
    private static final Set<String> CARAFE_PACKAGES = Set.of("dev.carafe", "dev.carafe.query", "dev.carafe.schema",
            "dev.carafe.observe", "dev.carafe.servlet", "dev.carafe.javalin");
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Set<Object> CARAFE_CODE = carafeCodeSources();
    private static final ClassValue<Boolean> APPLICATION = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isApplication(type);
        }
    };

    private CodeLocation() {}

    /** Returns {@code com.example.Views.index(Views.java:42)} for the calling application frame, or {@link #UNKNOWN}. */
    public static String find() {
        return WALKER.walk(frames -> frames
                .filter(frame -> APPLICATION.get(frame.getDeclaringClass()))
                .findFirst()
                .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                        + frame.getLineNumber() + ")")
                .orElse(UNKNOWN));
    }

    /**
     * A class is Carafe's own when it is in one of Carafe's packages and comes from one of Carafe's
     * jars; so an application's (or a test's) class in a {@code dev.carafe} package counts as
     * application code, and so does everything outside those packages in a fat jar.
     */
    private static boolean isApplication(Class<?> type) {
        String className = type.getName();
        for (String prefix : LIBRARY_PREFIXES) {
            if (className.startsWith(prefix)) return false;
        }
        if (className.contains("$HibernateProxy") || className.contains("$$")) return false;
        return !CARAFE_PACKAGES.contains(type.getPackageName()) || !CARAFE_CODE.contains(codeSource(type));
    }

    private static Set<Object> carafeCodeSources() {
        Set<Object> sources = new java.util.HashSet<>();
        for (String marker : new String[] {"dev.carafe.Carafe", "dev.carafe.servlet.CarafeFilter", "dev.carafe.javalin.CarafePlugin"}) {
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
