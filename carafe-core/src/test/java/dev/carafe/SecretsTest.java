package dev.carafe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.bind.Engine;
import dev.carafe.bind.internal.DatabaseUrl;
import dev.carafe.config.CarafeConfig;
import dev.carafe.config.ConfigException;
import dev.carafe.config.EngineOptions;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Account;
import dev.carafe.testmodels.Note;
import dev.carafe.testmodels.Todo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secrets stay secret: a password configured in any URL form never appears in a {@code toString},
 * an exception message or a log line, even with every logger at DEBUG.
 */
class SecretsTest {
    private static final String PASSWORD = "s3cr3t-P4ss";
    /** The same password with its dash percent-encoded, as a careful user may write it. */
    private static final String ENCODED = "s3cr3t%2DP4ss";

    @TempDir
    Path instance;

    private final List<String> seen = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
    private final Map<Logger, Level> levels = new LinkedHashMap<>();
    private final List<Appender<ILoggingEvent>> consoleAppenders = new ArrayList<>();

    @BeforeEach
    void recordEveryLogLineAtDebug() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null) levels.put(logger, logger.getLevel());
        }
        for (Logger logger : List.copyOf(levels.keySet())) logger.setLevel(Level.DEBUG);
        root.setLevel(Level.DEBUG);
        // Keep the DEBUG flood out of the test output; the list appender sees every line.
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            consoleAppenders.add(it.next());
        }
        consoleAppenders.forEach(root::detachAppender);
        logLines.setContext(context);
        logLines.start();
        root.addAppender(logLines);
    }

    @AfterEach
    void restoreLogging() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logLines);
        logLines.stop();
        consoleAppenders.forEach(root::addAppender);
        for (Logger logger : context.getLoggerList()) {
            if (logger != root) logger.setLevel(null);
        }
        levels.forEach(Logger::setLevel);
    }

    private void see(Object value) {
        seen.add(String.valueOf(value));
    }

    private void seeFailure(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        seen.add(trace.toString());
    }

    private void assertNoSecretWasShown() {
        for (ILoggingEvent event : logLines.list) {
            seen.add(event.getLoggerName() + " " + event.getFormattedMessage());
            if (event.getThrowableProxy() != null) seen.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        for (String text : seen) {
            assertThat(text).doesNotContain(PASSWORD).doesNotContain(ENCODED)
                    .doesNotContainIgnoringCase("s3cr3t").doesNotContainIgnoringCase("P4ss");
        }
    }

    private void seeEverythingOf(Carafe db) {
        see(db);
        see(db.config());
        see(db.config().binds());
        see(db.config().engineOptions());
        see(db.config().engineDefaults());
        see(db.config().resolvedEngines());
        see(db.engines());
        for (Engine engine : db.engines().values()) {
            see(engine.url());
            see(engine.jdbcUrl());
            see(pool(engine).getJdbcUrl());
            see(pool(engine));
        }
    }

    private static HikariDataSource pool(Engine engine) {
        return (HikariDataSource) engine.dataSource();
    }

    // ---- a working run ---------------------------------------------------------------------------

    @Test
    void aWorkingRunShowsThePasswordNowhere() {
        Carafe db = Carafe.builder()
                .databaseUrl("jdbc:h2:mem:secrets;USER=sa;PASSWORD=" + PASSWORD)
                .bind("auth", "sqlite:///auth.db")
                .bind("meta", "jdbc:h2:mem:secrets-meta;USER=sa;PASSWORD=" + ENCODED)
                .instancePath(instance)
                .models(Todo.class, Account.class, Note.class)
                .echo(true)
                .recordQueries(true)
                .build();
        try {
            assertThat(pool(db.engine()).getPassword()).isEqualTo(PASSWORD);
            seeEverythingOf(db);
            db.createAll();
            db.useTransaction(session -> {
                session.add(new Todo("t"));
                session.add(new Account("a"));
                session.add(new Note("n"));
            });
            try (DbContext context = db.context()) {
                see(context);
                Session session = db.session();
                session.get(Todo.class, 1L);
                session.get(Account.class, 1L);
                session.get(Note.class, 1L);
                see(context);
                see(session);
                assertThat(db.recordedQueries()).hasSize(3);
                see(db.recordedQueries());
            }
            db.reflect();
            seeEverythingOf(db);
        } finally {
            LeakCheck.closeChecked(db);
        }
        assertThat(logLines.list).isNotEmpty();
        assertNoSecretWasShown();
    }

    @Test
    void aWorkingRunOnPostgresqlShowsThePasswordNowhere() {
        TestDatabase.POSTGRESQL.assumeAvailable();
        // The local server trusts every connection, so any password is accepted.
        Carafe db = Carafe.builder()
                .databaseUrl("postgresql://postgres:" + PASSWORD + "@127.0.0.1:5432/" + TestDatabase.DATABASE)
                .bind("other", "jdbc:postgresql://127.0.0.1:5432/" + TestDatabase.DATABASE + "?user=postgres&password="
                        + ENCODED)
                .bind("args", EngineOptions.url("postgresql://postgres@127.0.0.1:5432/" + TestDatabase.DATABASE)
                        .driverProperty("password", PASSWORD))
                .build();
        try {
            seeEverythingOf(db);
            db.useContext(() -> {
                db.session().hibernate().createNativeQuery("select 1", Integer.class).getSingleResult();
                db.session().hibernate("other").createNativeQuery("select 1", Integer.class).getSingleResult();
                db.session().hibernate("args").createNativeQuery("select 1", Integer.class).getSingleResult();
            });
        } finally {
            LeakCheck.closeChecked(db);
        }
        assertNoSecretWasShown();
    }

    // ---- databases that do not answer -----------------------------------------------------------

    @Test
    void aDatabaseThatDoesNotAnswerShowsThePasswordNowhere() {
        Carafe db = Carafe.builder()
                .databaseUrl("postgresql://postgres:" + PASSWORD + "@127.0.0.1:1/nothing")
                .bind("encoded", "mariadb://root:" + ENCODED + "@127.0.0.1:1/nothing")
                .bind("query", "jdbc:postgresql://127.0.0.1:1/nothing?user=postgres&password=" + PASSWORD)
                .bind("userinfo", "jdbc:mariadb://root:" + PASSWORD + "@127.0.0.1:1/nothing")
                .bind("args", EngineOptions.url("postgresql://postgres@127.0.0.1:1/nothing")
                        .driverProperty("password", PASSWORD))
                // The URL forms that break parsing, written as they must be: percent-encoded.
                .bind("at", "postgresql://postgres:s3cr3t%40127.0.0.1%2FP4ss@127.0.0.1:1/nothing")
                .bind("colon", "jdbc:mariadb://root:s3cr3t%3AP4ss@127.0.0.1:1/nothing")
                .build();
        try {
            seeEverythingOf(db);
            assertThat(pool(db.engine("at")).getPassword()).isEqualTo("s3cr3t@127.0.0.1/P4ss");
            for (String bind : db.engines().keySet()) {
                try (DbContext context = db.context()) {
                    assertThatThrownBy(() -> db.session().hibernate(bind)
                            .createNativeQuery("select 1", Integer.class).getSingleResult())
                            .isInstanceOf(DatabaseUnavailableException.class)
                            .satisfies(this::seeFailure);
                    see(context);
                }
            }
        } finally {
            LeakCheck.closeChecked(db);
        }
        assertThat(seen).anyMatch(text -> text.contains("Bind 'encoded' (mariadb://root:***@127.0.0.1:1/nothing)"));
        assertNoSecretWasShown();
    }

    // ---- misconfiguration ---------------------------------------------------------------------------

    private void seeConfigFailure(Runnable build) {
        assertThatThrownBy(build::run).isInstanceOf(ConfigException.class).satisfies(this::seeFailure);
    }

    @Test
    void misconfigurationShowsThePasswordNowhere() {
        List<String> badUrls = List.of(
                "postgresql://postgres:" + PASSWORD + "@db:54x2/app",
                "postgresql://postgres:" + ENCODED + "@db:port/app",
                "oracle://scott:" + PASSWORD + "@db/orcl",
                "sqlite://scott:" + PASSWORD + "@host/app.db",
                "postgresql://scott:" + PASSWORD + "@@db/app",
                "postgresql://scott:" + PASSWORD.replace("-", "/") + "@db/app",
                "postgresql://scott:" + PASSWORD.replace("-", "@") + "@db/app",
                "postgresql://scott:" + PASSWORD.replace("-", "%") + "@db/app",
                "postgresql://db/app?password=" + PASSWORD.replace("-", "%"),
                "jdbc:unknowndb://db/app?user=scott&password=" + PASSWORD,
                "jdbc:unknowndb://scott:" + PASSWORD + "@db/app",
                "jdbc:mysql://db/app?user=scott&password=" + PASSWORD,
                "localhost/app?password=" + PASSWORD,
                // URLs that can be read several ways: the password's end would pass for a path or a host.
                "postgresql://scott:s3cr3t@127.0.0.1:1/P4ss@127.0.0.1:1/app",
                "postgresql://scott:s3cr3t@P4ss@127.0.0.1:1/app",
                "postgresql://sc:ott:" + PASSWORD + "@127.0.0.1:1/app",
                "postgresql://scott:" + PASSWORD + "@127.0.0.1:1/app?application_name=a@b",
                "mariadb://root:s3cr3t@127.0.0.1:1/P4ss@127.0.0.1:1/app",
                "jdbc:postgresql://scott:s3cr3t@127.0.0.1:1/P4ss@127.0.0.1:1/app",
                "jdbc:mariadb://ro:ot:" + PASSWORD + "@127.0.0.1:1/app",
                "jdbc:h2:tcp://127.0.0.1:1/~/app;USER=sa;PASSWORD=s3cr3t;P4ss",
                "jdbc:oracle:thin:scott/" + PASSWORD + "@//127.0.0.1:1/app");
        for (String url : badUrls) {
            seeConfigFailure(() -> Carafe.builder().databaseUrl(url).build());
            seeConfigFailure(() -> Carafe.builder().databaseUrl("sqlite://").bind("auth", url).build());
            try {
                see(DatabaseUrl.parse("database-url", url, instance));
            } catch (ConfigException e) {
                seeFailure(e);
            }
            see(CarafeConfig.builder().databaseUrl(url).bind("auth", url).build());
            see(EngineOptions.url(url));
        }
        String url = "postgresql://scott:" + PASSWORD + "@db/app";
        seeConfigFailure(() -> CarafeConfig.fromMap(Map.of("binds", url)));
        seeConfigFailure(() -> CarafeConfig.fromMap(Map.of("binds.auth.pool-size", url)));
        seeConfigFailure(() -> CarafeConfig.fromMap(Map.of("binds.auth.echo", url)));
        seeConfigFailure(() -> CarafeConfig.fromMap(Map.of("engine-options.pool-timeout", url)));
        seeConfigFailure(() -> CarafeConfig.fromMap(Map.of("engine-options", url)));
        seeConfigFailure(() -> CarafeConfig.fromMap(Map.of("engine-options.connect-args", url)));
        seeConfigFailure(() -> CarafeConfig.fromMap(Map.of("database-url", Map.of("url", url))));
        seeConfigFailure(() -> CarafeConfig.fromMap(Map.of("database-url", url, "binds.auth.pool-size", 1))
                .resolvedEngines());
        seeConfigFailure(() -> Carafe.builder().databaseUrl(url).models(Account.class).build());
        see(DatabaseUrl.parse("database-url", url, instance));
        assertThat(seen).hasSizeGreaterThan(badUrls.size() * 5);
        assertNoSecretWasShown();
    }
}
