/**
 * Models: the optional {@link dev.carafe.model.Model} base class and {@link dev.carafe.model.BindKey}.
 */
package dev.carafe.model;
