package dev.carafe.testmodels.repr;

import dev.carafe.model.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.util.Objects;

/** A model with a two-column primary key. */
@Entity
@IdClass(K.Key.class)
public class K extends Model {
    @Id
    public Long id;

    @Id
    public String name;

    public K() {}

    public K(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    /** The id class of {@link K}. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public Long id;
        public String name;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(id, key.id) && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name);
        }
    }
}
