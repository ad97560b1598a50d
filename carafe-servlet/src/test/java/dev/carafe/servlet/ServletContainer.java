package dev.carafe.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.loader.WebappLoader;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The two containers the filter is deployed in as a servlet user deploys it: embedded Jetty 12
 * (ee10, a {@code WebAppContext}) and embedded Tomcat 11, each reading {@code WEB-INF/web.xml} and
 * scanning {@code WEB-INF/classes} for annotations, on 127.0.0.1 and a free port.
 */
enum ServletContainer {
    JETTY {
        @Override
        Deployment start(Path folder, WebApp app) {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            WebAppContext webapp = new WebAppContext();
            webapp.setContextPath("/");
            webapp.setWar(app.writeTo(folder).toString());
            // The scanned classes are the test's own, with the test's static state.
            webapp.setParentLoaderPriority(true);
            webapp.setThrowUnavailableOnStartupException(true);
            webapp.addConfiguration(new AnnotationConfiguration());
            if (app.startup() != null) webapp.addServletContainerInitializer(app.startup());
            server.setHandler(webapp);
            try {
                server.start();
            } catch (Exception e) {
                stop(server);
                return Deployment.failed(e);
            }
            return new Deployment(connector.getLocalPort(), null, () -> stop(server));
        }

        private static void stop(Server server) {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Jetty did not stop", e);
            }
        }
    },

    TOMCAT {
        @Override
        Deployment start(Path folder, WebApp app) {
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(folder.resolve("tomcat").toString());
            tomcat.setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            tomcat.setAddDefaultWebXmlToWebapp(false);
            ContextConfig config = new ContextConfig();
            Context context = tomcat.addWebapp(tomcat.getHost(), "", app.writeTo(folder).toString(), config);
            WebappLoader loader = new WebappLoader();
            // The scanned classes are the test's own, with the test's static state.
            loader.setDelegate(true);
            context.setLoader(loader);
            context.setParentClassLoader(ServletContainer.class.getClassLoader());
            StandardJarScanner scanner = new StandardJarScanner();
            scanner.setScanClassPath(false);
            context.setJarScanner(scanner);
            if (app.startup() != null) context.addServletContainerInitializer(app.startup(), null);
            // Tomcat logs a failed start (a filter's init, say) and leaves the context stopped.
            StartFailures failures = new StartFailures();
            // The context logs on its container logger, under org.apache.catalina.core.ContainerBase.
            Logger contextLog = Logger.getLogger("org.apache.catalina.core.ContainerBase");
            contextLog.addHandler(failures);
            try {
                tomcat.start();
            } catch (Exception e) {
                stop(tomcat);
                return Deployment.failed(e);
            } finally {
                contextLog.removeHandler(failures);
            }
            if (context.getState() != LifecycleState.STARTED) {
                stop(tomcat);
                return Deployment.failed(failures.first());
            }
            return new Deployment(tomcat.getConnector().getLocalPort(), null, () -> stop(tomcat));
        }

        private static void stop(Tomcat tomcat) {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (Exception e) {
                throw new IllegalStateException("Tomcat did not stop", e);
            }
        }
    };

    /**
     * Deploys and starts a web application.
     *
     * @param folder an empty folder for the application and the container's files
     * @return the running application, or one that failed to start with the cause
     */
    abstract Deployment start(Path folder, WebApp app);

    /**
     * A web application: its {@code web.xml} (the elements inside {@code <web-app>}, or null for
     * none), classes to put in {@code WEB-INF/classes} for the container's annotation scanning,
     * and code run as the application starts (or null).
     */
    record WebApp(String webXml, List<Class<?>> scannedClasses, ServletContainerInitializer startup) {

        Path writeTo(Path folder) {
            Path root = folder.resolve("webapp");
            try {
                Files.createDirectories(root.resolve("WEB-INF/classes"));
                if (webXml != null) {
                    Files.writeString(root.resolve("WEB-INF/web.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n" + webXml
                            + "\n</web-app>\n", StandardCharsets.UTF_8);
                }
                for (Class<?> type : scannedClasses) {
                    String file = type.getName().replace('.', '/') + ".class";
                    Path target = root.resolve("WEB-INF/classes").resolve(file);
                    Files.createDirectories(target.getParent());
                    try (InputStream bytes = type.getClassLoader().getResourceAsStream(file)) {
                        Files.copy(bytes, target);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return root;
        }
    }

    /** A started application, or the reason it did not start. */
    static final class Deployment implements AutoCloseable {
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private final int port;
        private final Throwable failure;
        private final Runnable stop;

        private Deployment(int port, Throwable failure, Runnable stop) {
            this.port = port;
            this.failure = failure;
            this.stop = stop;
        }

        static Deployment failed(Throwable failure) {
            return new Deployment(-1, failure == null ? new IllegalStateException("failed without a logged cause") : failure,
                    () -> {});
        }

        /** Why the application did not start, or null when it did. */
        Throwable failure() {
            return failure;
        }

        Deployment started() {
            if (failure != null) throw new AssertionError("The web application did not start", failure);
            return this;
        }

        HttpResponse<String> get(String pathAndQuery) {
            return get(pathAndQuery, "*/*");
        }

        HttpResponse<String> get(String pathAndQuery, String accept) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).header("Accept", accept).GET().build();
            try {
                return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            stop.run();
        }
    }

    /** Keeps the first exception Tomcat logs while the application starts. */
    private static final class StartFailures extends Handler {
        private volatile Throwable first;

        @Override
        public void publish(LogRecord record) {
            if (first == null && record.getThrown() != null) first = record.getThrown();
        }

        Throwable first() {
            return first;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
