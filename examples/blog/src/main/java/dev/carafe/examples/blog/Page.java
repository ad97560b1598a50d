package dev.carafe.examples.blog;

import java.util.List;
import java.util.function.Supplier;

/**
 * What every page's layout needs: the logged-in user (Flask's {@code g.user}), the flash messages
 * to show once, and the token every form of the page sends back.
 *
 * @param user the logged-in user, or {@code null}
 * @param flashes the messages to show
 * @param csrf the session's CSRF token, made when a form first asks for it, so a page without
 *     forms sets no cookie
 */
public record Page(User user, List<String> flashes, Supplier<String> csrf) {
    /**
     * Returns the value of each form's hidden {@code csrf_token} field.
     *
     * @return the session's CSRF token
     */
    public String csrfToken() {
        return csrf.get();
    }
}
