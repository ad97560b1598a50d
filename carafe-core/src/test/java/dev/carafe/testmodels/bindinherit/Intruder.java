package dev.carafe.testmodels.bindinherit;

import dev.carafe.model.BindKey;
import jakarta.persistence.Entity;

/** A child entity that names another bind than its parent entity: a configuration error. */
@Entity
@BindKey("meta")
public class Intruder extends Staff {}
