package dev.carafe.model.internal;

import org.hibernate.boot.model.naming.EntityNaming;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;
import org.hibernate.boot.model.source.spi.AttributePath;

/**
 * Names tables after the snake_case of the entity name (Flask-SQLAlchemy's automatic
 * {@code __tablename__}) and columns after the snake_case of the attribute. Explicit
 * {@code @Table(name=...)} and {@code @Column(name=...)} are never touched: Hibernate only asks an
 * implicit naming strategy for names the mapping does not give.
 */
public final class CarafeNamingStrategy extends ImplicitNamingStrategyJpaCompliantImpl {
    private static final long serialVersionUID = 1L;

    @Override
    protected String transformEntityName(EntityNaming entityNaming) {
        return SnakeCase.of(super.transformEntityName(entityNaming));
    }

    @Override
    protected String transformAttributePath(AttributePath attributePath) {
        return SnakeCase.of(super.transformAttributePath(attributePath));
    }
}
