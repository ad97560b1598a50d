package dev.carafe.testmodels.bindinherit;

import dev.carafe.model.BindKey;
import jakarta.persistence.Entity;

/** Overrides the bind of its {@link AuthRecord} base with its own key. */
@Entity
@BindKey("meta")
public class AuditEntry extends AuthRecord {
    public String action;

    public AuditEntry() {}

    public AuditEntry(String action) {
        this.action = action;
    }
}
