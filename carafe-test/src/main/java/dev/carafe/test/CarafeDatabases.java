package dev.carafe.test;

import dev.carafe.test.internal.DatabaseArguments;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a {@code @ParameterizedTest} or a {@code @ParameterizedClass} once for each
 * {@link TestDatabase}: H2, SQLite, PostgreSQL and MariaDB, or those named. An invocation whose
 * server does not answer is skipped with the reason when it asks for the database's
 * {@linkplain TestDatabase#url URL} (or fails, with {@code CARAFE_REQUIRE_DATABASES=true}).
 *
 * <pre>{@code
 * @ParameterizedTest
 * @CarafeDatabases
 * void savesATodo(TestDatabase database, @TempDir Path dir) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(DatabaseArguments.class)
public @interface CarafeDatabases {

    /**
     * The databases to run on.
     *
     * @return all four unless narrowed
     */
    TestDatabase[] value() default {TestDatabase.H2, TestDatabase.SQLITE, TestDatabase.POSTGRESQL, TestDatabase.MARIADB};
}
