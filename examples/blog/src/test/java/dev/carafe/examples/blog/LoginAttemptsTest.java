package dev.carafe.examples.blog;

import static dev.carafe.examples.blog.BlogClient.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Login tells no one which usernames exist, by its message or by its work, and a username or an
 * address gets 5 failed attempts per 15 minutes; registration gets 5 per address.
 */
@CarafeDatabases({TestDatabase.H2, TestDatabase.POSTGRESQL})
class LoginAttemptsTest extends OnEachDatabase {
    @Test
    void anUnknownUsernameAndAWrongPasswordGetTheSamePage() {
        HttpResponse<String> unknown = client.login("nobody", "test");
        HttpResponse<String> wrong = client.login("test", "wrong");
        String token = client.csrfToken();
        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("Incorrect username or password.").isEqualTo(wrong.body())
                .contains(token);
    }

    @Test
    void anUnknownUsernameCostsAFullPasswordCheck() {
        long before = Passwords.iterationsVerified();
        client.login("nobody", "test");
        assertThat(Passwords.iterationsVerified() - before).isEqualTo(Passwords.ITERATIONS);
    }

    @Test
    void theSixthFailedLoginForAUsernameIsTooManyRequests() {
        for (int i = 1; i <= 5; i++) assertThat(client.login("test", "wrong " + i).statusCode()).isEqualTo(200);
        HttpResponse<String> sixth = client.login("test", "test");
        assertThat(sixth.statusCode()).as("even with the right password").isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).hasValue("900");
        assertThat(sixth.body()).contains("Too many attempts. Try again in 15 minutes.");
        assertThat(client.get("/").body()).contains("Log In");
        blog.clock.advance(Duration.ofMinutes(15));
        assertThat(location(client.login())).isEqualTo("/");
    }

    @Test
    void theSixthFailedLoginFromAnAddressIsTooManyRequests() {
        for (int i = 1; i <= 5; i++) assertThat(client.login("nobody " + i, "x").statusCode()).isEqualTo(200);
        blog.clock.advance(Duration.ofMinutes(10));
        HttpResponse<String> sixth = client.login("nobody 6", "x");
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).hasValue("300");
        assertThat(sixth.body()).contains("Too many attempts. Try again in 5 minutes.");
    }

    @Test
    void successfulLoginsDoNotCount() {
        for (int i = 1; i <= 4; i++) client.login("test", "wrong");
        for (int i = 1; i <= 6; i++) assertThat(location(client.login())).isEqualTo("/");
        assertThat(client.login("test", "wrong").statusCode()).isEqualTo(200);
        assertThat(client.login("test", "wrong").statusCode()).isEqualTo(429);
    }

    @Test
    void theSixthRegistrationFromAnAddressIsTooManyRequests() {
        for (int i = 1; i <= 4; i++) {
            assertThat(location(client.post("/auth/register", "username", "new " + i, "password", "p"))).isEqualTo("/auth/login");
        }
        assertThat(client.post("/auth/register", "username", "test", "password", "p").body())
                .as("registration tells that a name is taken, as flaskr's does").contains("User test is already registered.");
        HttpResponse<String> sixth = client.post("/auth/register", "username", "new 6", "password", "p");
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.body()).contains("Too many attempts. Try again in 15 minutes.");
    }
}
