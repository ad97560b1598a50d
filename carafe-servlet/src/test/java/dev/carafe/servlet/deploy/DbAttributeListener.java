package dev.carafe.servlet.deploy;

import dev.carafe.servlet.CarafeFilter;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Publishes the test's Carafe instance where a declared CarafeFilter looks for it; declared in web.xml. */
public class DbAttributeListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().setAttribute(CarafeFilter.DB_ATTRIBUTE, CurrentDb.db);
    }
}
