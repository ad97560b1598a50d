package dev.carafe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.schema.SchemaDriftException;
import dev.carafe.testing.IsolatedSchema;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.PlainSql;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.drift.Gadget;
import dev.carafe.testmodels.drift.Maker;
import dev.carafe.testmodels.migrate.v2.Memo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SchemaDriftTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tablesCreatedFromTheModelsDifferInNothing(TestDatabase database) {
        // A schema of its own: an extra table left by another test would be a difference too.
        Carafe db = Carafe.builder().databaseUrl(IsolatedSchema.create(database, dir, "drift_clean"))
                .models(Maker.class, Gadget.class).build();
        try {
            db.dropAll();
            db.createAll();
            assertThat(db.schemaDifferences()).isEmpty();
            db.checkSchema();
        } finally {
            try {
                db.dropAll();
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTableThatDriftedFromItsModelIsDescribedByName(TestDatabase database) {
        Carafe db = Carafe.builder().databaseUrl(IsolatedSchema.create(database, dir, "drift_memo"))
                .models(Memo.class).build();
        try {
            db.dropAll();
            PlainSql.execute(db.engine(), "create table memo (id bigint not null primary key, title varchar(50),"
                    + " extra varchar(10) not null)");
            List<SchemaDifference> differences = db.schemaDifferences();
            assertThat(differences).filteredOn(difference -> !(difference instanceof SchemaDifference.ColumnTypeDiffers))
                    .containsExactly(
                            new SchemaDifference.MissingColumn("default", "memo", "author", "varchar(255)"),
                            new SchemaDifference.ExtraColumn("default", "memo", "extra", varchar(database, 10), false),
                            new SchemaDifference.MissingIndex("default", "memo",
                                    new dev.carafe.schema.Index("ix_memo_author", List.of("author"), false)));
            // SQLite stores any length in a varchar: only the others see the title's length.
            assertThat(differences).filteredOn(difference -> difference instanceof SchemaDifference.ColumnTypeDiffers)
                    .extracting(SchemaDifference::describe).containsExactlyElementsOf(database == TestDatabase.SQLITE
                            ? List.of() : List.of("column memo.title: the model has varchar(200), the database "
                                    + varchar(database, 50)));
            assertThatThrownBy(db::checkSchema).isInstanceOf(SchemaDriftException.class)
                    .extracting(error -> ((SchemaDriftException) error).differences()).isEqualTo(differences);
        } finally {
            try {
                PlainSql.execute(db.engine(), "drop table memo");
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    @Test
    void checkSchemaNamesEachDifferenceAndTheFix() {
        Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).models(Memo.class).build();
        try {
            PlainSql.execute(db.engine(), "create table memo (id bigint not null primary key, title varchar(50),"
                    + " extra varchar(10) not null)", "create table leftover (id integer)");
            assertThatThrownBy(db::checkSchema).isInstanceOf(SchemaDriftException.class).hasMessage(
                    "The database schema differs from the models:\n"
                    + "  bind 'default': table leftover: in the database, no model maps it\n"
                    + "  bind 'default': column memo.author: missing from the database (the model has varchar(255))\n"
                    + "  bind 'default': column memo.title: the model has varchar(200), the database character varying(50)\n"
                    + "  bind 'default': column memo.extra (character varying(10) not null): in the database, not in the"
                    + " model\n"
                    + "  bind 'default': index memo (author): missing from the database\n"
                    + "To fix it, write a migration (db revision --autogenerate, see docs/migrations.md), review it and"
                    + " apply it (db upgrade).");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void createAllWarnsAboutEachDifferenceOfATableItLeftAsItWas() {
        Logger logger = (Logger) LoggerFactory.getLogger("carafe.schema");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).models(Memo.class, Maker.class).build();
        try {
            PlainSql.execute(db.engine(), "create table memo (id bigint not null primary key, title varchar(200))");
            db.createAll();
            assertThat(log.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).containsExactly(
                    tuple(Level.WARN, "Bind 'default': column memo.author: missing from the database (the model has"
                            + " varchar(255)). createAll() leaves existing tables as they are: write a migration (db"
                            + " revision --autogenerate, see docs/migrations.md)."),
                    tuple(Level.WARN, "Bind 'default': index memo (author): missing from the database. createAll()"
                            + " leaves existing tables as they are: write a migration (db revision --autogenerate, see"
                            + " docs/migrations.md)."));
        } finally {
            logger.detachAppender(log);
            LeakCheck.closeChecked(db);
        }
    }

    private static String varchar(TestDatabase database, int length) {
        return (database == TestDatabase.H2 ? "character varying" : "varchar") + "(" + length + ")";
    }
}
