package dev.carafe.examples.blog;

import java.util.List;

/**
 * What every page's layout needs: the logged-in user (Flask's {@code g.user}), the flash messages
 * to show once, and the token every form of the page sends back.
 *
 * @param user the logged-in user, or {@code null}
 * @param flashes the messages to show
 * @param csrfToken the value of each form's hidden {@code csrf_token} field
 */
public record Page(User user, List<String> flashes, String csrfToken) {}
