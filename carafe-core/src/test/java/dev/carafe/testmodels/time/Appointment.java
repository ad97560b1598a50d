package dev.carafe.testmodels.time;

import dev.carafe.Carafe;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/** A model with a column of each java.time type Carafe's users store. */
@Entity
public class Appointment {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public LocalDate day;

    public LocalTime startsAt;

    public LocalDateTime bookedAt;

    public OffsetDateTime confirmedAt;

    public Instant createdAt;

    /** For Hibernate. */
    protected Appointment() {}

    public Appointment(LocalDate day, LocalTime startsAt, LocalDateTime bookedAt, OffsetDateTime confirmedAt,
            Instant createdAt) {
        this.day = day;
        this.startsAt = startsAt;
        this.bookedAt = bookedAt;
        this.confirmedAt = confirmedAt;
        this.createdAt = createdAt;
    }
}
