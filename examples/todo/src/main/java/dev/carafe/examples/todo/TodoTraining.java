package dev.carafe.examples.todo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The training run of a JDK 25 ahead-of-time cache ({@code java -XX:AOTCacheOutput=... -jar
 * carafe-example-todo.jar --train}): the app serves its own pages to itself for a few seconds, so
 * the JVM records the classes and the profiles a real start needs, then the process ends and the
 * JVM writes the cache. docs/deployment.md measures what it saves.
 */
final class TodoTraining {
    private static final int ROUNDS = 200;

    private TodoTraining() {}

    /**
     * Lists, creates and updates todos through the running app.
     *
     * @param port the port the app listens on, on 127.0.0.1
     * @throws IOException when a request fails
     * @throws InterruptedException when interrupted
     */
    static void run(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        for (int round = 0; round < ROUNDS; round++) {
            send(http, HttpRequest.newBuilder(base.resolve("/")).build());
            send(http, HttpRequest.newBuilder(base.resolve("/new")).build());
            send(http, form(base.resolve("/new"), "title=Training+" + round + "&text=Warming+up"));
            send(http, form(base.resolve("/update"), "done.1=on"));
        }
    }

    private static HttpRequest form(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 500) throw new IOException(request.method() + " " + request.uri() + " answered " + status);
    }
}
