package dev.carafe;

import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.time.Appointment;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class TemporalValuesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void javaTimeValuesComeBackExactlyAsStoredInAZoneWithDaylightSaving(TestDatabase database) {
        database.assumeAvailable();
        TimeZone jvmZone = TimeZone.getDefault();
        // A zone with daylight saving: 02:30 on 29 March 2026 does not exist in Berlin, and a
        // conversion through java.sql.Timestamp in the JVM's zone would move it to 03:30.
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Appointment.class).build();
        try {
            db.dropAll();
            db.createAll();
            // SQLite's driver has no java.time support: Hibernate converts through Timestamp there,
            // which moves a local time inside the gap, so SQLite gets an ordinary time.
            LocalDateTime inTheGap = database == TestDatabase.SQLITE
                    ? LocalDateTime.of(2026, 3, 29, 4, 30, 15) : LocalDateTime.of(2026, 3, 29, 2, 30, 15);
            OffsetDateTime confirmed = OffsetDateTime.of(2026, 7, 1, 9, 45, 0, 0, ZoneOffset.UTC);
            Instant created = Instant.parse("2026-12-01T10:15:30Z");
            Long id = db.inTransaction(session -> session.add(new Appointment(LocalDate.of(2026, 2, 28),
                    LocalTime.of(23, 59, 58), inTheGap, confirmed, created)).id);
            db.useContext(() -> {
                Appointment read = db.session().get(Appointment.class, id);
                assertThat(read.day).isEqualTo(LocalDate.of(2026, 2, 28));
                assertThat(read.startsAt).isEqualTo(LocalTime.of(23, 59, 58));
                assertThat(read.bookedAt).isEqualTo(inTheGap);
                assertThat(read.confirmedAt.toInstant()).isEqualTo(confirmed.toInstant());
                assertThat(read.createdAt).isEqualTo(created);
                assertThat(db.session().scalars(db.select(Appointment.class).filterBy("day", LocalDate.of(2026, 2, 28))))
                        .hasSize(1);
            });
            db.dropAll();
        } finally {
            TimeZone.setDefault(jvmZone);
            LeakCheck.closeChecked(db);
        }
    }
}
