package dev.carafe;

import dev.carafe.pagination.internal.CursorCodec;
import dev.carafe.query.InvalidQueryException;
import dev.carafe.query.internal.ValueConverter;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.time.Appointment;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Messages read as a person wrote them: the right article, the right plural, types as a user writes their values. */
class MessagesTest {
    @TempDir
    Path dir;

    @Test
    void typesAreNamedByTheValuesAUserWrites() {
        assertThat(ValueConverter.describe(long.class)).isEqualTo("a whole number");
        assertThat(ValueConverter.describe(Integer.class)).isEqualTo("a whole number");
        assertThat(ValueConverter.describe(BigDecimal.class)).isEqualTo("a number");
        assertThat(ValueConverter.describe(boolean.class)).isEqualTo("true or false");
        assertThat(ValueConverter.describe(UUID.class)).isEqualTo("a UUID");
        assertThat(ValueConverter.describe(LocalDate.class)).isEqualTo("a date such as 2024-05-31");
        assertThat(ValueConverter.describe(LocalDateTime.class)).isEqualTo("a date and time such as 2024-05-31T09:30");
        assertThat(ValueConverter.describe(LocalTime.class)).isEqualTo("a time such as 09:30");
        assertThat(ValueConverter.describe(Instant.class)).isEqualTo("an instant such as 2024-05-31T09:30:00Z");
        assertThat(ValueConverter.describe(OffsetDateTime.class))
                .isEqualTo("a date and time with an offset such as 2024-05-31T09:30:00+02:00");
        assertThat(ValueConverter.describe(String.class)).isEqualTo("text");
        // A type without words of its own is named, without an article to get wrong ("an URL").
        assertThat(ValueConverter.describe(URL.class)).isEqualTo("a value of type URL");
        assertThat(ValueConverter.describe(Duration.class)).isEqualTo("a value of type Duration");
    }

    @Test
    void aBadValueForAnInstantSaysAnInstant() {
        Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).models(Appointment.class).build();
        try {
            assertThatThrownBy(() -> db.select(Appointment.class).filterBy("createdAt", "yesterday"))
                    .isInstanceOf(InvalidQueryException.class)
                    .hasMessage("'yesterday' is not a valid value for Appointment.createdAt, which takes an instant such as"
                            + " 2024-05-31T09:30:00Z.");
            assertThatThrownBy(() -> db.withContext(() -> db.session().get(Appointment.class, "abc")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'abc' is not a valid id for Appointment: its id is a whole number.");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aKeysetOrderOfAnotherTypeNamesItAsTheUserWroteIt() {
        CursorCodec codec = new CursorCodec(new byte[32]);
        assertThatThrownBy(() -> codec.encode(new CursorCodec.Position(true, 1, 10, List.of(Duration.ofSeconds(1))), "q"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Keyset pagination cannot order by a value of type Duration; order by numbers, text, dates and"
                        + " times, booleans or UUIDs.");
    }
}
