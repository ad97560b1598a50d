package dev.carafe.testmodels.zoo;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** A model with a composite key: an {@code @EmbeddedId} of two columns. */
@Entity
public class Loan {
    @EmbeddedId
    public Key key;

    public LocalDate due;

    protected Loan() {}

    public Loan(long bookId, long patronId, LocalDate due) {
        this.key = new Key(bookId, patronId);
        this.due = due;
    }

    /** The composite key. */
    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public long bookId;
        public long patronId;

        protected Key() {}

        public Key(long bookId, long patronId) {
            this.bookId = bookId;
            this.patronId = patronId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.bookId == bookId && key.patronId == patronId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(bookId, patronId);
        }
    }
}
