package dev.carafe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.carafe.bind.Binds;
import dev.carafe.bind.Engine;
import dev.carafe.config.CarafeConfig;
import dev.carafe.config.ConfigException;
import dev.carafe.config.EngineOptions;
import dev.carafe.observe.NPlusOneMode;
import dev.carafe.testing.LeakCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Configuration: the four ways to write it, one naming rule for code, carafe.properties and the
 * environment (with the docs' table checked against the keys), the precedence of engine options,
 * and the messages of mistakes.
 */
class ConfigTest {
    private static final String VALID_KEYS = "database-url, binds, engine-options, engine-defaults, echo,"
            + " record-queries, track-modifications, instance-path, scan-packages, n-plus-one, n-plus-one-threshold, slow-query-threshold, cursor-secret,"
            + " migrate-on-start, migrations-path, redact-parameters, transaction-retries";
    private static final String VALID_OPTIONS = "url, pool-size, pool-timeout, pool-recycle, pool-pre-ping, echo,"
            + " echo-pool, connect-timeout, socket-timeout, replica-urls, replica-max-lag, tenancy, tenant-url,"
            + " tenant-pools-max, connect-args";

    @TempDir
    Path dir;

    // ---- four ways to say the same thing ----------------------------------------------------

    private CarafeConfig expectedConfig() {
        return CarafeConfig.builder()
                .databaseUrl("postgresql://app@db.example.com:5432/app")
                .bind("auth", EngineOptions.url("sqlite:///auth.db").poolSize(4).poolTimeout(Duration.ofSeconds(5)))
                .bind("meta", "jdbc:h2:mem:meta")
                .bind("sales_eu", EngineOptions.url("jdbc:h2:mem:sales").driverProperty("MODE", "PostgreSQL"))
                .engineOptions(EngineOptions.defaults().poolPrePing(true).recycle(Duration.ofMinutes(5)))
                .engineDefaults(EngineOptions.defaults().poolTimeout(Duration.ofSeconds(10)).echoPool(false))
                .echo(true)
                .recordQueries(true)
                .trackModifications(true)
                .instancePath(instance())
                .scan("dev.carafe.testmodels.blog")
                .build();
    }

    private Path instance() {
        return dir.resolve("instance");
    }

    private String instanceText() {
        return instance().toString().replace('\\', '/');
    }

    @Test
    void aNestedMapGivesTheSameConfigurationAsTheBuilder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("database-url", "postgresql://app@db.example.com:5432/app");
        map.put("binds", Map.of(
                "auth", Map.of("url", "sqlite:///auth.db", "pool-size", 4, "pool-timeout", Duration.ofSeconds(5)),
                "meta", "jdbc:h2:mem:meta",
                "sales_eu", Map.of("url", "jdbc:h2:mem:sales", "connect-args", Map.of("MODE", "PostgreSQL"))));
        map.put("engine-options", Map.of("pool-pre-ping", true, "pool-recycle", 300));
        map.put("engine-defaults", Map.of("pool-timeout", 10, "echo-pool", false));
        map.put("echo", true);
        map.put("record-queries", true);
        map.put("track-modifications", true);
        map.put("instance-path", instanceText());
        map.put("scan-packages", "dev.carafe.testmodels.blog");

        CarafeConfig config = CarafeConfig.fromMap(map);

        assertThat(config).isEqualTo(expectedConfig());
        assertThat(config.resolvedEngines()).isEqualTo(expectedConfig().resolvedEngines());
    }

    @Test
    void flatDottedKeysWithPrefixAndUnderscoresGiveTheSameConfiguration() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("carafe.database_url", "postgresql://app@db.example.com:5432/app");
        map.put("carafe.binds.auth", "sqlite:///auth.db");
        map.put("carafe.binds.auth.pool_size", "4");
        map.put("carafe.binds.auth.pool_timeout", "5");
        map.put("binds.meta.url", "jdbc:h2:mem:meta");
        map.put("binds.sales_eu.url", "jdbc:h2:mem:sales");
        map.put("binds.sales_eu.connect_args.MODE", "PostgreSQL");
        map.put("carafe.engine_options.pool_pre_ping", "true");
        map.put("engine-options.pool-recycle", "300");
        map.put("Carafe.Engine-Defaults.pool-timeout", "10.0");
        map.put("engine_defaults.echo_pool", "off");
        map.put("ECHO", "yes");
        map.put("record_queries", "true");
        map.put("carafe.track-modifications", "TRUE");
        map.put("instance_path", instanceText());
        map.put("scan_packages", " dev.carafe.testmodels.blog ,");

        CarafeConfig config = CarafeConfig.fromMap(map);

        assertThat(config).isEqualTo(expectedConfig());
        assertThat(config.resolvedEngines()).isEqualTo(expectedConfig().resolvedEngines());
    }

    @Test
    void aMapNestedUnderCarafeGivesTheSameConfiguration() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("database_url", "postgresql://app@db.example.com:5432/app");
        inner.put("binds", Map.of(
                "auth", Map.of("url", "sqlite:///auth.db", "pool_size", "4", "pool_timeout", "5"),
                "meta", Map.of("url", "jdbc:h2:mem:meta"),
                "sales_eu", Map.of("url", "jdbc:h2:mem:sales", "connect_args", Map.of("MODE", "PostgreSQL"))));
        inner.put("engine_options", Map.of("pool_pre_ping", "on", "pool_recycle", "300"));
        inner.put("engine_defaults", Map.of("pool_timeout", "10", "echo_pool", "false"));
        inner.put("echo", "true");
        inner.put("record_queries", "1");
        inner.put("track_modifications", "true");
        inner.put("instance_path", instanceText());
        inner.put("scan_packages", "dev.carafe.testmodels.blog");

        assertThat(CarafeConfig.fromMap(Map.of("carafe", inner))).isEqualTo(expectedConfig());
    }

    @Test
    void aPropertiesFileGivesTheSameConfiguration() throws IOException {
        Files.writeString(dir.resolve("carafe.properties"), """
                # Carafe configuration, as an application ships it
                carafe.database-url = postgresql://app@db.example.com:5432/app
                carafe.binds.auth.url = sqlite:///auth.db
                carafe.binds.auth.pool-size = 4
                carafe.binds.auth.pool-timeout = 5
                carafe.binds.meta = jdbc:h2:mem:meta
                carafe.binds.sales_eu.url = jdbc:h2:mem:sales
                carafe.binds.sales_eu.connect-args.MODE = PostgreSQL
                carafe.engine-options.pool-pre-ping = true
                carafe.engine-options.pool-recycle = 300
                carafe.engine-defaults.pool-timeout = 10
                carafe.engine-defaults.echo-pool = false
                carafe.echo = true
                carafe.record-queries = true
                carafe.track-modifications = true
                carafe.instance-path = %s
                carafe.scan-packages = dev.carafe.testmodels.blog
                """.formatted(instanceText()));

        CarafeConfig config = CarafeConfig.load(dir, Map.of());

        assertThat(config).isEqualTo(expectedConfig());
        assertThat(config.resolvedEngines()).isEqualTo(expectedConfig().resolvedEngines());
    }

    @Test
    void theCarafeBuilderAppliesItsCallsOnTopOfAGivenConfiguration() {
        Carafe db = Carafe.builder()
                .config(CarafeConfig.builder().databaseUrl("jdbc:h2:mem:overridden").echo(false)
                        .scan("dev.carafe.testmodels.blog").build())
                .databaseUrl("postgresql://app@db.example.com:5432/app")
                .bind("auth", EngineOptions.url("sqlite:///auth.db").poolSize(4).poolTimeout(Duration.ofSeconds(5)))
                .bind("meta", "jdbc:h2:mem:meta")
                .bind("sales_eu", EngineOptions.url("jdbc:h2:mem:sales").driverProperty("MODE", "PostgreSQL"))
                .engineOptions(EngineOptions.defaults().poolPrePing(true).recycle(Duration.ofMinutes(5)))
                .engineDefaults(EngineOptions.defaults().poolTimeout(Duration.ofSeconds(10)).echoPool(false))
                .echo(true)
                .recordQueries(true)
                .trackModifications(true)
                .instancePath(instance())
                .build();
        try {
            assertThat(db.config()).isEqualTo(expectedConfig());
            assertThat(db.engines()).containsOnlyKeys(Binds.DEFAULT, "auth", "meta", "sales_eu");
            assertThat(db.models()).containsExactlyInAnyOrder(dev.carafe.testmodels.blog.Author.class, dev.carafe.testmodels.blog.Post.class);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void fromConfigBuildsTheSameInstanceAsTheBuilder() throws IOException {
        Files.writeString(dir.resolve("carafe.properties"), "carafe.database-url=jdbc:h2:mem:from-config\n");
        CarafeConfig config = CarafeConfig.load(dir, Map.of());
        Carafe db = Carafe.fromConfig(config);
        try {
            assertThat(db.config()).isEqualTo(config).isEqualTo(CarafeConfig.builder()
                    .databaseUrl("jdbc:h2:mem:from-config").instancePath(dir.resolve("instance")).build());
            assertThat(db.engine().url()).isEqualTo("jdbc:h2:mem:from-config");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    // ---- environment variables ---------------------------------------------------------------

    private void writeProperties() throws IOException {
        Files.writeString(dir.resolve("carafe.properties"), """
                carafe.database-url = jdbc:h2:mem:from-file
                carafe.binds.auth.url = jdbc:h2:mem:auth-from-file
                carafe.binds.auth.pool-size = 3
                carafe.binds.meta = jdbc:h2:mem:meta-from-file
                carafe.echo = false
                carafe.record-queries = false
                carafe.track-modifications = false
                carafe.instance-path = from-file
                """);
    }

    @Test
    void withoutEnvironmentVariablesTheFileIsUsedAsWritten() throws IOException {
        writeProperties();
        CarafeConfig config = CarafeConfig.load(dir, Map.of("PATH", "/usr/bin", "HOME", "/root"));
        assertThat(config.databaseUrl()).isEqualTo("jdbc:h2:mem:from-file");
        assertThat(config.binds()).containsEntry("auth", EngineOptions.url("jdbc:h2:mem:auth-from-file").poolSize(3))
                .containsEntry("meta", EngineOptions.url("jdbc:h2:mem:meta-from-file"));
        assertThat(config.echo()).isFalse();
    }

    @Test
    void aRelativeInstancePathIsTakenFromTheWorkingDirectory() throws IOException {
        writeProperties();
        assertThat(CarafeConfig.load(dir, Map.of()).instancePath()).isEqualTo(dir.resolve("from-file"));
        assertThat(CarafeConfig.load(dir, Map.of("CARAFE_INSTANCE_PATH", "var/instance")).instancePath())
                .isEqualTo(dir.resolve("var/instance"));
        assertThat(CarafeConfig.load(dir.resolve("no-file-here"), Map.of("DATABASE_URL", "sqlite://")).instancePath())
                .isEqualTo(dir.resolve("no-file-here").resolve("instance"));
        assertThat(CarafeConfig.load(Path.of(""), Map.of("DATABASE_URL", "sqlite://")).instancePath())
                .isEqualTo(Path.of("instance"));
    }

    @Test
    void carafeDatabaseUrlOverridesTheFile() throws IOException {
        writeProperties();
        CarafeConfig config = CarafeConfig.load(dir, Map.of("CARAFE_DATABASE_URL", "jdbc:h2:mem:from-env"));
        assertThat(config.databaseUrl()).isEqualTo("jdbc:h2:mem:from-env");
        assertThat(config.resolvedEngines().get(Binds.DEFAULT).url()).isEqualTo("jdbc:h2:mem:from-env");
    }

    @Test
    void databaseUrlOverridesTheFileWhenCarafeDatabaseUrlIsAbsent() throws IOException {
        writeProperties();
        CarafeConfig config = CarafeConfig.load(dir, Map.of("DATABASE_URL", "postgres://app@heroku.example.com/app"));
        assertThat(config.databaseUrl()).isEqualTo("postgres://app@heroku.example.com/app");
    }

    @Test
    void carafeDatabaseUrlWinsOverDatabaseUrl() throws IOException {
        writeProperties();
        CarafeConfig config = CarafeConfig.load(dir, Map.of(
                "DATABASE_URL", "jdbc:h2:mem:generic", "CARAFE_DATABASE_URL", "jdbc:h2:mem:carafe"));
        assertThat(config.databaseUrl()).isEqualTo("jdbc:h2:mem:carafe");
    }

    @Test
    void aBindUrlFromTheEnvironmentKeepsTheOtherOptionsOfThatBind() throws IOException {
        writeProperties();
        CarafeConfig config = CarafeConfig.load(dir, Map.of(
                "CARAFE_BINDS_AUTH_URL", "jdbc:h2:mem:auth-from-env",
                "CARAFE_BINDS_META_URL", "jdbc:h2:mem:meta-from-env",
                "CARAFE_BINDS_SALES_EU_URL", "jdbc:h2:mem:sales-from-env"));
        assertThat(config.binds()).containsEntry("auth", EngineOptions.url("jdbc:h2:mem:auth-from-env").poolSize(3))
                .containsEntry("meta", EngineOptions.url("jdbc:h2:mem:meta-from-env"))
                .containsEntry("sales_eu", EngineOptions.url("jdbc:h2:mem:sales-from-env"));
    }

    @Test
    void theSimpleKeysAreOverriddenByTheirEnvironmentVariables() throws IOException {
        writeProperties();
        CarafeConfig config = CarafeConfig.load(dir, Map.of(
                "CARAFE_ECHO", "true",
                "CARAFE_RECORD_QUERIES", "true",
                "CARAFE_TRACK_MODIFICATIONS", "true",
                "CARAFE_INSTANCE_PATH", "/srv/app/instance"));
        assertThat(config.echo()).isTrue();
        assertThat(config.recordQueries()).isTrue();
        assertThat(config.trackModifications()).isTrue();
        assertThat(config.instancePath()).isEqualTo(Path.of("/srv/app/instance"));
    }

    @Test
    void theEnvironmentAloneIsAConfiguration() {
        CarafeConfig config = CarafeConfig.load(dir, Map.of(
                "DATABASE_URL", "postgresql://app@db/app", "CARAFE_BINDS_AUTH_URL", "sqlite:///auth.db"));
        assertThat(config).isEqualTo(CarafeConfig.builder()
                .databaseUrl("postgresql://app@db/app").bind("auth", "sqlite:///auth.db")
                .instancePath(dir.resolve("instance")).build());
    }

    // ---- precedence of engine options (decision 4) ---------------------------------------------

    private static CarafeConfig.Builder layered() {
        return CarafeConfig.builder()
                .engineDefaults(EngineOptions.defaults().poolSize(1).poolTimeout(Duration.ofSeconds(1))
                        .recycle(Duration.ofMinutes(1)).poolPrePing(false))
                .bind(Binds.DEFAULT, EngineOptions.url("jdbc:h2:mem:from-binds-default").poolSize(2)
                        .poolTimeout(Duration.ofSeconds(2)).recycle(Duration.ofMinutes(2)))
                .engineOptions(EngineOptions.url("jdbc:h2:mem:from-engine-options").poolSize(3)
                        .poolTimeout(Duration.ofSeconds(3)))
                .databaseUrl("jdbc:h2:mem:from-database-url")
                .bind("auth", EngineOptions.url("jdbc:h2:mem:auth").poolSize(7));
    }

    @Test
    void engineDefaultsApplyToEveryBindThatDoesNotSetTheOption() {
        Map<String, EngineOptions> engines = layered().build().resolvedEngines();
        assertThat(engines.get(Binds.DEFAULT).poolPrePing()).isFalse();
        assertThat(engines.get("auth").poolPrePing()).isFalse();
        assertThat(engines.get("auth").poolTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(engines.get("auth").recycle()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void bindsDefaultWinsOverEngineDefaultsAndItsOwnOptionsSurvive() {
        Map<String, EngineOptions> engines = layered().build().resolvedEngines();
        assertThat(engines.get(Binds.DEFAULT).recycle()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void engineOptionsWinOverBindsDefault() {
        Map<String, EngineOptions> engines = layered().build().resolvedEngines();
        assertThat(engines.get(Binds.DEFAULT).poolSize()).isEqualTo(3);
        assertThat(engines.get(Binds.DEFAULT).poolTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void databaseUrlWinsOverTheUrlsOfEngineOptionsAndBindsDefault() {
        Map<String, EngineOptions> engines = layered().build().resolvedEngines();
        assertThat(engines.get(Binds.DEFAULT).url()).isEqualTo("jdbc:h2:mem:from-database-url");
        assertThat(engines.keySet()).containsExactly(Binds.DEFAULT, "auth");
    }

    @Test
    void withoutDatabaseUrlEngineOptionsGiveTheUrlAndThenBindsDefault() {
        CarafeConfig config = layered().databaseUrl(null).build();
        assertThat(config.resolvedEngines().get(Binds.DEFAULT).url()).isEqualTo("jdbc:h2:mem:from-engine-options");

        CarafeConfig onlyBindsDefault = CarafeConfig.builder()
                .bind(Binds.DEFAULT, EngineOptions.url("jdbc:h2:mem:from-binds-default").poolSize(2))
                .engineOptions(EngineOptions.defaults().poolSize(3))
                .build();
        assertThat(onlyBindsDefault.resolvedEngines().get(Binds.DEFAULT))
                .isEqualTo(EngineOptions.url("jdbc:h2:mem:from-binds-default").poolSize(3).echo(false).echoPool(false));
    }

    @Test
    void aBindsOwnOptionsWinOverEngineDefaultsAndEngineOptionsDoNotReachIt() {
        EngineOptions auth = layered().build().resolvedEngines().get("auth");
        assertThat(auth.poolSize()).isEqualTo(7);
        assertThat(auth.url()).isEqualTo("jdbc:h2:mem:auth");
    }

    @Test
    void withoutAnyDefaultUrlEngineOptionsAreIgnoredAndThereIsNoDefaultEngine() {
        CarafeConfig config = CarafeConfig.builder()
                .bind("a", "sqlite://")
                .engineOptions(EngineOptions.defaults().poolSize(5))
                .build();
        assertThat(config.resolvedEngines()).containsOnlyKeys("a");
        assertThat(config.resolvedEngines().get("a").poolSize()).isNull();
    }

    @Test
    void driverPropertiesAreMergedAcrossLevelsTheHigherWinningPerProperty() {
        CarafeConfig config = CarafeConfig.fromMap(Map.of(
                "database-url", "jdbc:h2:mem:props",
                "engine-defaults.connect-args.a", "defaults",
                "engine-defaults.connect-args.b", "defaults",
                "binds.default.connect-args.b", "binds-default",
                "binds.default.connect-args.c", "binds-default",
                "engine-options.connect-args", Map.of("c", "engine-options")));
        assertThat(config.resolvedEngines().get(Binds.DEFAULT).driverProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", "defaults", "b", "binds-default", "c", "engine-options"));
    }

    // ---- echo (CFG-10) ---------------------------------------------------------------------------

    @Test
    void echoTurnsOnEchoAndEchoPoolForEveryEngine() {
        Carafe db = Carafe.builder().databaseUrl("sqlite://").bind("a", "sqlite://").bind("b", "jdbc:h2:mem:echo-b")
                .echo(true).build();
        try {
            for (Engine engine : db.engines().values()) {
                assertThat(engine.echo()).as(engine.key()).isTrue();
                assertThat(engine.echoPool()).as(engine.key()).isTrue();
            }
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void anExplicitEchoOfOneBindWinsOverTheGlobalEcho() {
        Carafe db = Carafe.builder().databaseUrl("sqlite://")
                .bind("a", EngineOptions.url("sqlite://").echo(false))
                .bind("b", EngineOptions.url("sqlite://").echoPool(false))
                .echo(true).build();
        try {
            assertThat(db.engine().echo()).isTrue();
            assertThat(db.engine("a").echo()).isFalse();
            assertThat(db.engine("a").echoPool()).isTrue();
            assertThat(db.engine("b").echo()).isTrue();
            assertThat(db.engine("b").echoPool()).isFalse();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void anEngineCanEchoWhileTheGlobalEchoIsOff() {
        Map<String, EngineOptions> engines = CarafeConfig.builder().databaseUrl("sqlite://")
                .engineOptions(EngineOptions.defaults().echo(true)).bind("a", "sqlite://").build().resolvedEngines();
        assertThat(engines.get(Binds.DEFAULT).echo()).isTrue();
        assertThat(engines.get(Binds.DEFAULT).echoPool()).isFalse();
        assertThat(engines.get("a").echo()).isFalse();
    }

    // ---- mistakes ---------------------------------------------------------------------------------

    @Test
    void neitherADatabaseUrlNorBindsIsAnError() {
        String message = "Either 'database-url' or 'binds' must be set. Set database-url (or the environment"
                + " variable CARAFE_DATABASE_URL), for example sqlite:///app.db (a file in the instance folder)"
                + " or postgresql://user@localhost/app.";
        assertThatThrownBy(() -> Carafe.builder().build()).isInstanceOf(ConfigException.class).hasMessage(message);
        assertThatThrownBy(() -> CarafeConfig.load(dir, Map.of()).resolvedEngines())
                .isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void aBindWithoutAUrlSaysHowToSetIt() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("database-url", "sqlite://", "binds.auth.pool-size", 2))
                .resolvedEngines())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Bind 'auth' has no URL. Set binds.auth.url (or the environment variable"
                        + " CARAFE_BINDS_AUTH_URL).");
    }

    @Test
    void anUnknownKeyIsNamedWithTheValidKeys() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("carafe.commit-on-teardown", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown configuration key 'carafe.commit-on-teardown'. Valid keys are: " + VALID_KEYS + ".");
    }

    @Test
    void aMisspelledKeyGetsASuggestion() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("database-uri", "sqlite://")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown configuration key 'database-uri'. Did you mean 'database-url'? Valid keys are: "
                        + VALID_KEYS + ".");
    }

    @Test
    void anEngineOptionAtTheTopLevelSaysWhereItBelongs() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("database-url", "sqlite://", "pool_size", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown configuration key 'pool_size'. 'pool-size' is an engine option: write"
                        + " engine-options.pool-size for the default bind, binds.<key>.pool-size for one bind or"
                        + " engine-defaults.pool-size for every bind. Valid keys are: " + VALID_KEYS + ".");
    }

    @Test
    void aFlaskSqlalchemyKeyIsMatchedToCarafesName() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("SQLALCHEMY_DATABASE_URI", "sqlite://")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown configuration key 'SQLALCHEMY_DATABASE_URI'. Did you mean 'database-url'? Valid keys"
                        + " are: " + VALID_KEYS + ".");
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("SQLALCHEMY_ECHO", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown configuration key 'SQLALCHEMY_ECHO'. Did you mean 'echo'? Valid keys are: "
                        + VALID_KEYS + ".");
    }

    @Test
    void aUrlInEngineDefaultsIsRefusedBecauseEveryBindNeedsItsOwn() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("engine-defaults.url", "sqlite://", "binds.a.pool-size", 1))
                .resolvedEngines())
                .isInstanceOf(ConfigException.class)
                .hasMessage("'engine-defaults.url' cannot be set: engine defaults apply to every bind, and each bind"
                        + " needs its own URL. Set database-url or binds.<key>.url instead.");
    }

    @Test
    void anUnknownEngineOptionIsNamedWithTheValidOptions() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("binds.auth.url", "sqlite://", "binds.auth.max-overflow", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown engine option 'binds.auth.max-overflow'. Valid options are: " + VALID_OPTIONS + ".");
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("engine-options", Map.of("pool_sise", 5))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown engine option 'engine-options.pool_sise'. Did you mean 'pool-size'? Valid options"
                        + " are: " + VALID_OPTIONS + ".");
    }

    @Test
    void aPoolSizeThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("engine-options.pool-size", "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'engine-options.pool-size' must be a whole number, got 'abc'.");
    }

    @Test
    void aPoolSizeOfZeroIsRefused() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("binds.auth.pool-size", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'binds.auth.pool-size' must be at least 1, got 0.");
        assertThatThrownBy(() -> EngineOptions.defaults().poolSize(0))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'pool-size' must be at least 1, got 0.");
    }

    @Test
    void anEchoThatIsNeitherTrueNorFalseIsRefused() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("echo", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'echo' must be true or false, got 'maybe'.");
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("binds", Map.of("a", Map.of("echo", 2)))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'binds.a.echo' must be true or false, got 2.");
    }

    @Test
    void aNegativePoolTimeoutIsRefused() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("engine-defaults.pool-timeout", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'engine-defaults.pool-timeout' must be at least 0.25 seconds (HikariCP's minimum), got -1"
                        + " seconds.");
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("engine-defaults.pool-timeout", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'engine-defaults.pool-timeout' must be a number of seconds, got 'soon'.");
        assertThatThrownBy(() -> EngineOptions.defaults().poolTimeout(Duration.ofMillis(100)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'pool-timeout' must be at least 0.25 seconds (HikariCP's minimum), got 0.1 seconds.");
    }

    @Test
    void aShortPoolRecycleIsRefusedButZeroMeansNever() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("engine-options.pool-recycle", "10")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'engine-options.pool-recycle' must be 0 (never recycle) or at least 30 seconds (HikariCP's"
                        + " minimum), got 10 seconds.");
        assertThat(CarafeConfig.fromMap(Map.of("engine-options.pool-recycle", "0")).engineOptions().recycle())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void bindsThatAreNotAMapAreRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("binds", "postgresql://app:hunter2@db/app")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'binds' must be a map of bind keys to URLs or option maps, got"
                        + " 'postgresql://app:***@db/app'. Write binds.<key>.url=... for each bind.");
    }

    @Test
    void aDatabaseUrlThatIsNotAStringIsRefused() {
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("database-url", List.of("sqlite://"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'database-url' must be a non-empty string, got [sqlite://].");
        assertThatThrownBy(() -> CarafeConfig.fromMap(Map.of("database-url", " ")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'database-url' must be a non-empty string, got ' '.");
    }

    @Test
    void aBindKeyWithADotIsRefused() {
        assertThatThrownBy(() -> CarafeConfig.builder().bind("a.b", "sqlite://"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("A bind key must be a non-empty name without dots, got 'a.b'.");
    }

    @Test
    void aBadValueFailsAtBuildBeforeAnyEngineIsCreated() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl("sqlite://")
                .bind("auth", "nonsense").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("'binds.auth.url' is not a valid database URL: 'nonsense'");
    }

    // ---- one naming rule: code, carafe.properties and the environment ---------------------------

    /**
     * One key set one way in each source.
     *
     * @param key its name in carafe.properties
     * @param value its value, as text
     * @param variables every environment variable that sets it
     * @param code the builder calls that set it
     */
    record Setting(String key, String value, List<String> variables, UnaryOperator<CarafeConfig.Builder> code) {
        @Override
        public String toString() {
            return key;
        }
    }

    /** Every key, and every engine option at its three levels: one bind's, the default bind's, every bind's. */
    static Stream<Setting> everyKey() {
        List<Setting> settings = new ArrayList<>(List.of(
                new Setting("database-url", "postgresql://app@db.example.com/app",
                        List.of("CARAFE_DATABASE_URL", "DATABASE_URL"), b -> b.databaseUrl("postgresql://app@db.example.com/app")),
                new Setting("echo", "true", List.of("CARAFE_ECHO"), b -> b.echo(true)),
                new Setting("record-queries", "true", List.of("CARAFE_RECORD_QUERIES"), b -> b.recordQueries(true)),
                new Setting("track-modifications", "true", List.of("CARAFE_TRACK_MODIFICATIONS"),
                        b -> b.trackModifications(true)),
                new Setting("instance-path", "/srv/app/var", List.of("CARAFE_INSTANCE_PATH"),
                        b -> b.instancePath(Path.of("/srv/app/var"))),
                new Setting("scan-packages", "dev.carafe.testmodels.blog, dev.carafe.testmodels.schema",
                        List.of("CARAFE_SCAN_PACKAGES"), b -> b.scan("dev.carafe.testmodels.blog", "dev.carafe.testmodels.schema")),
                new Setting("n-plus-one", "raise", List.of("CARAFE_N_PLUS_ONE"), b -> b.nPlusOne(NPlusOneMode.RAISE)),
                new Setting("n-plus-one-threshold", "4", List.of("CARAFE_N_PLUS_ONE_THRESHOLD"), b -> b.nPlusOneThreshold(4)),
                new Setting("slow-query-threshold", "0.5", List.of("CARAFE_SLOW_QUERY_THRESHOLD"),
                        b -> b.slowQueryThreshold(Duration.ofMillis(500))),
                new Setting("cursor-secret", "a-secret-of-24-characters", List.of("CARAFE_CURSOR_SECRET"),
                        b -> b.cursorSecret("a-secret-of-24-characters")),
                new Setting("migrate-on-start", "true", List.of("CARAFE_MIGRATE_ON_START"), b -> b.migrateOnStart(true)),
                new Setting("migrations-path", "src/main/resources/db/migration", List.of("CARAFE_MIGRATIONS_PATH"),
                        b -> b.migrationsPath("src/main/resources/db/migration")),
                new Setting("redact-parameters", "iban, date_of_birth", List.of("CARAFE_REDACT_PARAMETERS"),
                        b -> b.redactParameters("iban", "date_of_birth")),
                new Setting("transaction-retries", "5", List.of("CARAFE_TRANSACTION_RETRIES"),
                        b -> b.transactionRetries(5))));
        Map<String, String> values = Map.ofEntries(Map.entry("url", "sqlite:///auth.db"), Map.entry("pool-size", "4"),
                Map.entry("pool-timeout", "2.5"), Map.entry("pool-recycle", "300"), Map.entry("pool-pre-ping", "true"),
                Map.entry("echo", "true"), Map.entry("echo-pool", "true"), Map.entry("connect-timeout", "3"),
                Map.entry("socket-timeout", "60"), Map.entry("tenancy", "schema"),
                Map.entry("tenant-url", "postgresql://app@db/app_{tenant}"), Map.entry("tenant-pools-max", "50"),
                Map.entry("replica-urls", "postgresql://app@replica1/app,postgresql://app@replica2/app"),
                Map.entry("replica-max-lag", "2.5"), Map.entry("connect-args.sslmode", "require"));
        Map<String, UnaryOperator<EngineOptions>> options = Map.ofEntries(
                Map.entry("url", o -> o.withUrl("sqlite:///auth.db")),
                Map.entry("pool-size", o -> o.poolSize(4)),
                Map.entry("pool-timeout", o -> o.poolTimeout(Duration.ofMillis(2500))),
                Map.entry("pool-recycle", o -> o.recycle(Duration.ofMinutes(5))),
                Map.entry("pool-pre-ping", o -> o.poolPrePing(true)),
                Map.entry("echo", o -> o.echo(true)),
                Map.entry("echo-pool", o -> o.echoPool(true)),
                Map.entry("connect-timeout", o -> o.connectTimeout(Duration.ofSeconds(3))),
                Map.entry("socket-timeout", o -> o.socketTimeout(Duration.ofSeconds(60))),
                Map.entry("tenancy", o -> o.tenancy(dev.carafe.tenant.Tenancy.SCHEMA)),
                Map.entry("tenant-url", o -> o.tenantUrl("postgresql://app@db/app_{tenant}")),
                Map.entry("tenant-pools-max", o -> o.tenantPoolsMax(50)),
                Map.entry("replica-urls", o -> o.replicaUrls(List.of("postgresql://app@replica1/app", "postgresql://app@replica2/app"))),
                Map.entry("replica-max-lag", o -> o.replicaMaxLag(Duration.ofMillis(2500))),
                Map.entry("connect-args.sslmode", o -> o.driverProperty("sslmode", "require")));
        for (String option : new TreeSet<>(options.keySet())) {
            String value = values.get(option);
            EngineOptions set = options.get(option).apply(EngineOptions.defaults());
            String variable = option.startsWith("connect-args.") ? "CONNECT_ARGS_sslmode" : environmentName(option);
            settings.add(new Setting("binds.auth." + option, value, List.of("CARAFE_BINDS_AUTH_" + variable),
                    b -> b.bind("auth", set)));
            // CARAFE_ECHO is the top-level echo key, so the default bind's echo has only the long form.
            List<String> defaultBind = option.equals("echo") ? List.of("CARAFE_ENGINE_OPTIONS_ECHO")
                    : List.of("CARAFE_ENGINE_OPTIONS_" + variable, "CARAFE_" + variable);
            settings.add(new Setting("engine-options." + option, value, defaultBind, b -> b.engineOptions(set)));
            settings.add(new Setting("engine-defaults." + option, value, List.of("CARAFE_ENGINE_DEFAULTS_" + variable),
                    b -> b.engineDefaults(set)));
        }
        return settings.stream();
    }

    private static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    @ParameterizedTest
    @MethodSource("everyKey")
    void everyKeyGivesTheSameConfigurationFromCodeFromTheFileAndFromTheEnvironment(Setting setting) throws IOException {
        CarafeConfig fromCode = setting.code().apply(CarafeConfig.builder().instancePath(dir.resolve("instance"))).build();
        assertThat(fromCode).as("the key changes the configuration").isNotEqualTo(CarafeConfig.load(dir, Map.of()));
        for (String variable : setting.variables()) {
            assertThat(CarafeConfig.load(dir, Map.of(variable, setting.value()))).as(variable).isEqualTo(fromCode);
        }
        Files.writeString(dir.resolve("carafe.properties"), setting.key() + " = " + setting.value() + "\n");
        assertThat(CarafeConfig.load(dir, Map.of())).as("carafe.properties").isEqualTo(fromCode);
        assertThat(CarafeConfig.fromMap(Map.of(setting.key(), setting.value())))
                .isEqualTo(setting.code().apply(CarafeConfig.builder()).build());
    }

    @Test
    void theSettingsAboveCoverEveryKeyAndEveryEngineOption() {
        Set<String> keys = new TreeSet<>();
        Set<String> options = new TreeSet<>();
        everyKey().forEach(setting -> {
            String[] parts = setting.key().split("\\.");
            keys.add(parts[0]);
            if (parts[0].equals("engine-options")) options.add(parts[1]);
        });
        assertThat(keys).containsExactlyInAnyOrderElementsOf(CarafeConfig.KEYS);
        assertThat(options).containsExactlyInAnyOrderElementsOf(EngineOptions.OPTION_NAMES);
    }

    @Test
    void theEnvironmentWinsOverTheFileKeyByKey() throws IOException {
        Files.writeString(dir.resolve("carafe.properties"), """
                database-url = jdbc:h2:mem:file
                n-plus-one = warn
                binds.auth.url = sqlite:///auth.db
                binds.auth.pool-size = 2
                """);
        CarafeConfig config = CarafeConfig.load(dir, Map.of("CARAFE_N_PLUS_ONE", "raise", "CARAFE_BINDS_AUTH_POOL_SIZE", "5",
                "CARAFE_POOL_SIZE", "8"));
        assertThat(config).isEqualTo(CarafeConfig.builder().databaseUrl("jdbc:h2:mem:file").nPlusOne(NPlusOneMode.RAISE)
                .bind("auth", EngineOptions.url("sqlite:///auth.db").poolSize(5))
                .engineOptions(EngineOptions.defaults().poolSize(8)).instancePath(dir.resolve("instance")).build());
    }

    // ---- mistakes in the environment ------------------------------------------------------------

    private List<ILoggingEvent> captureConfigLog() {
        Logger logger = (Logger) LoggerFactory.getLogger("carafe.config");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender.list;
    }

    private static void stopCapturing() {
        Logger logger = (Logger) LoggerFactory.getLogger("carafe.config");
        logger.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof ListAppender<?>) logger.detachAppender(appender);
        });
    }

    @Test
    void anUnknownCarafeVariableIsAWarningWithTheLikelyVariable() {
        List<ILoggingEvent> log = captureConfigLog();
        try {
            CarafeConfig config = CarafeConfig.load(dir, Map.of("CARAFE_RECORD_QUERYS", "true",
                    "CARAFE_BINDS_AUTH_POOL_SIZ", "3", "CARAFE_ENGINE_DEFAULTS_POOL_TIMEOUTS", "5", "CARAFE_HOME", "/opt/app",
                    "CARAFE_DATABASE_URL", "jdbc:h2:mem:env", "PATH", "/usr/bin"));
            assertThat(config).isEqualTo(CarafeConfig.builder().databaseUrl("jdbc:h2:mem:env")
                    .instancePath(dir.resolve("instance")).build());
            assertThat(log).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
            assertThat(log).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "The environment variable CARAFE_BINDS_AUTH_POOL_SIZ names no Carafe configuration key and is"
                            + " ignored. Did you mean CARAFE_BINDS_AUTH_POOL_SIZE?",
                    "The environment variable CARAFE_ENGINE_DEFAULTS_POOL_TIMEOUTS names no Carafe configuration key and"
                            + " is ignored. Did you mean CARAFE_ENGINE_DEFAULTS_POOL_TIMEOUT?",
                    "The environment variable CARAFE_HOME names no Carafe configuration key and is ignored. See"
                            + " docs/configuration.md for every key's environment variable.",
                    "The environment variable CARAFE_RECORD_QUERYS names no Carafe configuration key and is ignored."
                            + " Did you mean CARAFE_RECORD_QUERIES?");
        } finally {
            stopCapturing();
        }
    }

    @Test
    void aBadValueInTheEnvironmentNamesTheVariable() {
        assertThatThrownBy(() -> CarafeConfig.load(dir, Map.of("CARAFE_ECHO", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'CARAFE_ECHO' must be true or false, got 'maybe'.");
        assertThatThrownBy(() -> CarafeConfig.load(dir, Map.of("CARAFE_BINDS_AUTH_POOL_SIZE", "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'CARAFE_BINDS_AUTH_POOL_SIZE' must be a whole number, got 'many'.");
        assertThatThrownBy(() -> CarafeConfig.load(dir, Map.of("CARAFE_N_PLUS_ONE", "loud")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'CARAFE_N_PLUS_ONE' must be off, warn or raise, got 'loud'.");
        assertThatThrownBy(() -> CarafeConfig.load(dir, Map.of("CARAFE_CURSOR_SECRET", "short")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'CARAFE_CURSOR_SECRET' must have at least 16 characters; make one with, for example,"
                        + " openssl rand -base64 32, and keep it out of source control.");
    }

    @Test
    void anEmptyVariableIsIgnored() {
        assertThat(CarafeConfig.load(dir, Map.of("CARAFE_ECHO", "", "CARAFE_DATABASE_URL", " ", "DATABASE_URL", "sqlite://")))
                .isEqualTo(CarafeConfig.builder().databaseUrl("sqlite://").instancePath(dir.resolve("instance")).build());
    }

    // ---- the docs agree with the code --------------------------------------------------------------

    /** The rows of the one table of docs/configuration.md, by the key in their first cell. */
    private static Map<String, List<String>> documentedKeys() throws IOException {
        Path page = null;
        for (Path folder = Path.of("").toAbsolutePath(); folder != null && page == null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("docs/configuration.md"))) page = folder.resolve("docs/configuration.md");
        }
        assertThat(page).as("docs/configuration.md above " + Path.of("").toAbsolutePath()).isNotNull();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("| key in carafe.properties |")) {
                inTable = true;
            } else if (inTable && line.startsWith("|")) {
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::trim)
                        .toList();
                if (!cells.get(0).startsWith("---")) rows.put(cells.get(0).replace("`", ""), cells);
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    @Test
    void theConfigurationPageListsEveryKeyWithItsVariableItsDefaultAndItsBuilderMethod() throws IOException {
        Map<String, List<String>> rows = documentedKeys();
        List<String> expected = new ArrayList<>();
        for (String key : CarafeConfig.KEYS) {
            switch (key) {
                case "binds" -> expected.add("binds.<key>.url");
                case "engine-options", "engine-defaults" -> { }
                default -> expected.add(key);
            }
        }
        for (String option : EngineOptions.OPTION_NAMES) {
            expected.add("<engine>." + (option.equals("connect-args") ? "connect-args.<name>" : option));
        }
        assertThat(rows.keySet()).containsExactlyElementsOf(expected);
        for (Map.Entry<String, List<String>> row : rows.entrySet()) {
            List<String> cells = row.getValue();
            String key = row.getKey();
            String variable = key.startsWith("<engine>.") ? "CARAFE_<ENGINE>_" + environmentName(key.substring(9))
                    : "CARAFE_" + environmentName(key);
            variable = variable.replace("CONNECT_ARGS_<NAME>", "CONNECT_ARGS_<name>");
            assertThat(cells).as(key).hasSize(5);
            assertThat(cells.get(1)).as(key + ": its default").isNotEmpty();
            assertThat(cells.get(2)).as(key + ": its environment variable").contains("`" + variable + "`");
            assertThat(cells.get(3)).as(key + ": its builder method").matches("`\\w+(\\.\\w+)?\\(.*");
            String method = cells.get(3).replaceAll("^`(\\w+\\.)?(\\w+)\\(.*", "$2");
            Class<?> owner = key.startsWith("<engine>.") ? EngineOptions.class : Carafe.Builder.class;
            assertThat(Arrays.stream(owner.getMethods()).map(java.lang.reflect.Method::getName)).as(key).contains(method);
        }
    }
}
