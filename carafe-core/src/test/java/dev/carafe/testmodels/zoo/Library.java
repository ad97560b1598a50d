package dev.carafe.testmodels.zoo;

import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Models as a user writes them from the README: nested static classes, public fields, a plain
 * {@code @GeneratedValue}, a lazy association, a collection, an enum, java.time, BigDecimal, UUID,
 * a boolean, a version and a unique column.
 */
public final class Library {
    private Library() {}

    /** A genre, stored by name. */
    public enum Genre { NOVEL, POETRY, ESSAY }

    @Entity
    public static class Writer {
        @Id @GeneratedValue
        public Long id;

        public String name;

        @OneToMany(mappedBy = "writer")
        public List<Book> books = new ArrayList<>();

        protected Writer() {}

        public Writer(String name) {
            this.name = name;
        }
    }

    @Entity
    public static class Book {
        @Id @GeneratedValue
        public Long id;

        public String title;

        @ManyToOne(fetch = FetchType.LAZY)
        public Writer writer;

        public BigDecimal price;

        public LocalDate published;

        public Instant added;

        public boolean inPrint;

        @Enumerated(EnumType.STRING)
        public Genre genre;

        public UUID shelfCode;

        @Column(unique = true)
        public String isbn;

        @ElementCollection
        public Set<String> tags = new HashSet<>();

        @Version
        public Integer version;

        protected Book() {}

        public Book(String title, Writer writer, String isbn) {
            this.title = title;
            this.writer = writer;
            this.isbn = isbn;
        }
    }
}
