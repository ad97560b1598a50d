package dev.carafe.model;

import dev.carafe.bind.Binds;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Routes a model to a bind, Flask-SQLAlchemy's {@code __bind_key__}. Subclasses inherit the key
 * (also from a {@code @MappedSuperclass}) and may override it with their own annotation; a model
 * without one lives on {@link Binds#DEFAULT}. Every key must be configured, or {@code build()}
 * fails naming the model and the key.
 *
 * <pre>{@code
 * @Entity @BindKey("auth")
 * public class User extends Model { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BindKey {
    /**
     * The bind's key, as configured with {@code bind(key, url)} or {@code binds.<key>.url}.
     *
     * @return the bind key
     */
    String value();
}
