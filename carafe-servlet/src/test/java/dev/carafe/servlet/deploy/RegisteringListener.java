package dev.carafe.servlet.deploy;

import dev.carafe.servlet.CarafeFilter;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Registers CarafeFilter with the documented one-liner; found by annotation scanning. */
@WebListener
public class RegisteringListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        CarafeFilter.register(event.getServletContext(), CurrentDb.db);
    }
}
