package dev.carafe.testmodels.zoo;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/** Single-table inheritance: every kind of medium in one table, told apart by a discriminator. */
public final class Media {
    private Media() {}

    @Entity
    @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
    public abstract static class Item {
        @Id @GeneratedValue
        public Long id;

        public String label;

        protected Item() {}

        protected Item(String label) {
            this.label = label;
        }
    }

    @Entity
    public static class Dvd extends Item {
        public int minutes;

        protected Dvd() {}

        public Dvd(String label, int minutes) {
            super(label);
            this.minutes = minutes;
        }
    }

    @Entity
    public static class Magazine extends Item {
        public int issue;

        protected Magazine() {}

        public Magazine(String label, int issue) {
            super(label);
            this.issue = issue;
        }
    }
}
