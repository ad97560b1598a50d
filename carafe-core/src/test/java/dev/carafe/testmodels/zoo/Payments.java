package dev.carafe.testmodels.zoo;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import java.math.BigDecimal;
import java.util.UUID;

/** Joined inheritance, and the other id strategies a user picks: UUID, SEQUENCE, TABLE. */
public final class Payments {
    private Payments() {}

    @Entity
    @Inheritance(strategy = InheritanceType.JOINED)
    public static class Payment {
        @Id @GeneratedValue
        public Long id;

        public BigDecimal amount;

        protected Payment() {}

        public Payment(BigDecimal amount) {
            this.amount = amount;
        }
    }

    @Entity
    public static class CardPayment extends Payment {
        public String lastDigits;

        protected CardPayment() {}

        public CardPayment(BigDecimal amount, String lastDigits) {
            super(amount);
            this.lastDigits = lastDigits;
        }
    }

    @Entity
    public static class Receipt {
        @Id @GeneratedValue(strategy = GenerationType.UUID)
        public UUID id;

        public String note;

        protected Receipt() {}

        public Receipt(String note) {
            this.note = note;
        }
    }

    @Entity
    public static class Ticket {
        @Id @GeneratedValue(strategy = GenerationType.SEQUENCE)
        public Long id;

        public String seat;

        protected Ticket() {}

        public Ticket(String seat) {
            this.seat = seat;
        }
    }

    @Entity
    public static class Stamp {
        @Id @GeneratedValue(strategy = GenerationType.TABLE)
        public Long id;

        public String design;

        protected Stamp() {}

        public Stamp(String design) {
            this.design = design;
        }
    }

    @Entity
    public static class Visit {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;

        public String room;

        protected Visit() {}

        public Visit(String room) {
            this.room = room;
        }
    }
}
