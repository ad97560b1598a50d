package dev.carafe.examples.blog;

import java.util.List;

/**
 * What every page's layout needs: the logged-in user (Flask's {@code g.user}) and the flash
 * messages to show once.
 *
 * @param user the logged-in user, or {@code null}
 * @param flashes the messages to show
 */
public record Page(User user, List<String> flashes) {}
