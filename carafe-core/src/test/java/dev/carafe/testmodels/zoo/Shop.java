package dev.carafe.testmodels.zoo;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** Another nested {@code Book}: registered with {@link Library.Book}, the two names clash. */
public final class Shop {
    private Shop() {}

    @Entity
    public static class Book {
        @Id @GeneratedValue
        public Long id;
    }
}
