package dev.carafe.testmodels.drift;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A model with a column of every common Java type, an index and a foreign key. */
@Entity
@Table(indexes = @Index(name = "ix_gadget_label", columnList = "label"))
public class Gadget {
    /** What a gadget is. */
    public enum Size { SMALL, LARGE }

    @Id
    @GeneratedValue
    public Long id;

    @Column(nullable = false, length = 100)
    public String label;

    public String note;

    @Lob
    public String manual;

    public boolean active;

    public Boolean checked;

    public int stock;

    public Integer shelf;

    public short rank;

    public byte level;

    public long views;

    public double ratio;

    public float weight;

    @Column(precision = 10, scale = 2)
    public BigDecimal price;

    public LocalDate made;

    public LocalTime opens;

    public LocalDateTime updated;

    public Instant seen;

    public OffsetDateTime due;

    public UUID code;

    public byte[] data;

    @Enumerated(EnumType.STRING)
    public Size size;

    @Enumerated
    public Size ordinalSize;

    @ManyToOne(fetch = FetchType.LAZY)
    public Maker maker;

    public Gadget() {}
}
