package dev.carafe.servlet.deploy;

import dev.carafe.servlet.CarafeFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.annotation.WebFilter;

/** CarafeFilter declared by annotation, as docs/web.md shows. */
@WebFilter(urlPatterns = "/*", asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR})
public class AnnotatedCarafeFilter extends CarafeFilter {}
