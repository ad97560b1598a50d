package dev.carafe.servlet.internal;

import dev.carafe.Carafe;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

/** Finds the Carafe instance of a filter declared without one: in web.xml or by annotation. */
public final class DbLookup {
    private DbLookup() {}

    /**
     * Returns the instance in a ServletContext attribute.
     *
     * @param filter the filter's name, for the messages
     * @param attribute the attribute's name
     * @param supplierParameter the init-param that is the other way, for the message
     */
    public static Carafe fromAttribute(ServletContext servletContext, String filter, String attribute,
            String supplierParameter) throws ServletException {
        Object value = servletContext.getAttribute(attribute);
        if (value instanceof Carafe db) return db;
        if (value != null) {
            throw new ServletException("CarafeFilter '" + filter + "': the ServletContext attribute \"" + attribute
                    + "\" holds a " + value.getClass().getName() + ", not a Carafe instance.");
        }
        throw new ServletException("CarafeFilter '" + filter + "' has no Carafe instance. Give it one of two ways:"
                + " set the ServletContext attribute \"" + attribute + "\" (CarafeFilter.DB_ATTRIBUTE) to your Carafe"
                + " instance in a ServletContextListener, or give the filter the init-param \"" + supplierParameter
                + "\" naming a class that implements java.util.function.Supplier<dev.carafe.Carafe>.");
    }

    /**
     * Returns what a supplier class gives, the class named by an init-param.
     *
     * @param filter the filter's name, for the messages
     * @param className the init-param's value
     * @param loader the web application's class loader
     */
    public static Carafe fromSupplier(String filter, String className, ClassLoader loader) throws ServletException {
        String where = "CarafeFilter '" + filter + "': the init-param db-supplier names " + className;
        Class<?> type;
        try {
            type = Class.forName(className.strip(), true, loader);
        } catch (ClassNotFoundException e) {
            throw new ServletException(where + ", which is not on the web application's class path.", e);
        }
        if (!Supplier.class.isAssignableFrom(type)) {
            throw new ServletException(where + ", which does not implement java.util.function.Supplier<dev.carafe.Carafe>.");
        }
        Object value;
        try {
            value = ((Supplier<?>) type.getConstructor().newInstance()).get();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new ServletException(where + ", which has no public constructor without arguments.", e);
        } catch (InvocationTargetException e) {
            throw new ServletException(where + ", whose constructor failed: " + e.getCause(), e.getCause());
        } catch (InstantiationException e) {
            throw new ServletException(where + ", which is abstract.", e);
        } catch (RuntimeException e) {
            throw new ServletException(where + ", whose get() failed: " + e, e);
        }
        if (value instanceof Carafe db) return db;
        throw new ServletException(where + ", whose get() returned " + (value == null ? "null" : "a "
                + value.getClass().getName()) + " instead of a Carafe instance.");
    }
}
