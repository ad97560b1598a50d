package dev.carafe.servlet.deploy;

import jakarta.servlet.annotation.WebListener;

/** {@link DbAttributeListener}, found by the container's annotation scanning. */
@WebListener
public class AnnotatedDbListener extends DbAttributeListener {}
