package dev.carafe.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A form in a charset nobody knows gets a 400, not a 500. */
@CarafeDatabases(TestDatabase.H2)
class MalformedRequestTest extends OnEachDatabase {
    @ParameterizedTest
    @ValueSource(strings = {"bogus", "@@@", "\"\"", "", "utf-9"})
    void aFormInAnUnknownCharsetIsA400(String charset) {
        client.login();
        String body = "title=t&body=b&csrf_token=" + URLEncoder.encode(client.csrfToken(), StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(client.origin() + "/create"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=" + charset)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("The charset of the request's Content-Type is not supported: send forms as UTF-8.");
        assertThat(blog.db.withContext(() -> blog.db.query(Post.class).count())).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "utf-8", "ISO-8859-1"})
    void aFormInAKnownCharsetWorks(String charset) {
        client.login();
        String body = "title=t&body=b&csrf_token=" + URLEncoder.encode(client.csrfToken(), StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(client.origin() + "/create"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=" + charset)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).isEqualTo(302);
    }
}
