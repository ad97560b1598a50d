package dev.carafe.bind.internal;

import dev.carafe.config.ConfigException;
import dev.carafe.config.internal.UrlMasker;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database URL translated for JDBC: SQLAlchemy-style URLs ({@code postgresql://}, {@code mysql://},
 * {@code mariadb://}, {@code sqlite:///}) and {@code jdbc:} URLs alike. The user and password are
 * taken out of the JDBC URL and handed to the pool separately, so the URL the driver and the pool
 * see never contains the password. Relative SQLite and H2 files are placed in the instance folder.
 *
 * @param kind the database
 * @param jdbcUrl the URL for the driver, without credentials
 * @param username the user, or {@code null}
 * @param password the password, or {@code null}
 * @param displayUrl the URL as configured with the password masked, safe to show
 * @param inMemory whether the database lives in memory (SQLite {@code :memory:}, H2 {@code mem:})
 * @param instanceFile the database file when it lives in the instance folder, else {@code null}
 */
public record DatabaseUrl(
        DatabaseKind kind, String jdbcUrl, String username, String password, String displayUrl,
        boolean inMemory, Path instanceFile) {

    private static final Pattern SQLALCHEMY = Pattern.compile(
            "(?<scheme>[a-zA-Z][a-zA-Z0-9]*)(?:\\+(?<driver>[a-zA-Z0-9_]+))?://"
                    + "(?:(?<user>[^:@/?#]*)(?::(?<password>[^@/]*))?@)?"
                    + "(?<host>\\[[^\\]]*\\]|[^:/?#]*)(?::(?<port>[^/?#]*))?"
                    + "(?:/(?<database>[^?#]*))?(?:\\?(?<query>.*))?");

    private static final String AMBIGUOUS = "it is not scheme://user:password@host:port/database; percent-encode '@',"
            + " '/' and ':' in the user and password (%40, %2F, %3A)";

    @Override
    public String toString() {
        return displayUrl;
    }

    /**
     * Parses and translates a URL.
     *
     * @param key the configuration key that holds it, for error messages
     * @param url the URL as configured
     * @param instancePath the folder for relative SQLite and H2 files
     * @throws ConfigException for a malformed or unsupported URL
     */
    public static DatabaseUrl parse(String key, String url, Path instancePath) {
        String trimmed = url.trim();
        String display = UrlMasker.mask(trimmed);
        try {
            return translate(key, trimmed, display, instancePath);
        } catch (BadEscapeException e) {
            throw malformed(key, display, "a '%' in its user or password does not start a percent-encoded character;"
                    + " write a literal % as %25");
        }
    }

    private static DatabaseUrl translate(String key, String trimmed, String display, Path instancePath) {
        if (trimmed.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return fromJdbc(key, trimmed, display, instancePath);
        }
        Matcher match = SQLALCHEMY.matcher(trimmed);
        if (!match.matches()) {
            throw malformed(key, display, "it is neither a SQLAlchemy-style URL nor a jdbc: URL");
        }
        String scheme = match.group("scheme").toLowerCase(Locale.ROOT);
        String user = decode(match.group("user"));
        String password = decode(match.group("password"));
        String host = match.group("host");
        String port = match.group("port");
        String database = match.group("database");
        String query = match.group("query");
        String beforeQuery = query == null ? trimmed : trimmed.substring(0, trimmed.length() - query.length() - 1);
        String rawPassword = match.group("password");
        // An unencoded '@', '/' or ':' in the user or password cuts the URL up one of several ways
        // (postgresql://u:S3c@host/PW@host/db): refused, since the driver would show the pieces.
        boolean ambiguous = !scheme.equals("sqlite") && (host.contains("@") || count(trimmed, '@') > 1
                || (user == null && beforeQuery.contains("@")) || (rawPassword != null && rawPassword.contains(":")));
        String hosts = host + (port == null ? "" : ":" + port);
        boolean severalHosts = !ambiguous && hosts.contains(",");
        if (severalHosts) {
            checkHosts(key, display, hosts);
            host = hosts;
            port = null;
        }
        if (ambiguous || (port != null && !port.matches("\\d{1,5}"))) {
            // Never repeat the pieces of a URL with user info: they may be the password's.
            throw malformed(key, display, trimmed.contains("@") ? AMBIGUOUS : "the port '" + port + "' is not a number");
        }
        return switch (scheme) {
            case "postgresql", "postgres" -> server(DatabaseKind.POSTGRESQL, "postgresql", user, password, host,
                    port, database, query, display, key);
            case "mariadb" -> server(DatabaseKind.MARIADB, mariadbScheme(severalHosts), user, password, host, port, database, query,
                    display, key);
            case "mysql" -> mysqlDriverPresent()
                    ? server(DatabaseKind.MYSQL, "mysql", user, password, host, port, database,
                            withDefault(query, "characterEncoding", "UTF-8", "charset", "connectionCollation"),
                            display, key)
                    : server(DatabaseKind.MARIADB, mariadbScheme(severalHosts), user, password, host, port, database,
                            query, display, key);
            case "sqlite" -> sqlite(host, database, query, display, instancePath, key);
            default -> throw malformed(key, display, "the scheme '" + scheme + "' is not supported (use postgresql,"
                    + " mysql, mariadb, sqlite, or a jdbc: URL for anything else)");
        };
    }

    /**
     * MariaDB's driver uses only the first of several hosts unless the URL names a failover mode;
     * {@code sequential} (the first host that answers, in order) suits a Galera cluster, where
     * writes on one node meet no certification conflicts from the others. A {@code jdbc:} URL picks
     * another mode ({@code jdbc:mariadb:load-balance://...}).
     */
    private static String mariadbScheme(boolean severalHosts) {
        return severalHosts ? "mariadb:sequential" : "mariadb";
    }

    /** Refuses a host list ({@code h1:3311,h2:3312}) with an empty host or a port that is not a number. */
    private static void checkHosts(String key, String display, String hosts) {
        for (String entry : hosts.split(",", -1)) {
            if (!entry.matches("(\\[[^\\]]+\\]|[^:\\[\\]]+)(:\\d{1,5})?")) {
                throw malformed(key, display, "its host list '" + hosts + "' has an empty host or a port that is not a"
                        + " number; write host1:port1,host2:port2");
            }
        }
    }

    private static DatabaseUrl server(DatabaseKind kind, String jdbcScheme, String user, String password,
            String host, String port, String database, String query, String display, String key) {
        if (host == null || host.isEmpty()) {
            throw malformed(key, display, "it has no host; write " + jdbcScheme + "://user:password@host:port/database");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:").append(jdbcScheme).append("://").append(host);
        if (port != null && !port.isEmpty()) jdbc.append(':').append(port);
        jdbc.append('/');
        if (database != null) jdbc.append(database);
        Credentials credentials = new Credentials(emptyToNull(user), password);
        String rest = credentials.takeFromQuery(query);
        if (rest != null && !rest.isEmpty()) jdbc.append('?').append(rest);
        return new DatabaseUrl(kind, jdbc.toString(), credentials.user, credentials.password, display, false, null);
    }

    private static DatabaseUrl sqlite(String host, String database, String query, String display, Path instancePath,
            String key) {
        if (host != null && !host.isEmpty()) {
            throw malformed(key, display, "SQLite URLs have no host; write sqlite:///relative.db, sqlite:////absolute.db"
                    + " or sqlite:// for memory");
        }
        List<String> parameters = splitQuery(query);
        boolean uri = parameters.removeIf(p -> p.equalsIgnoreCase("uri=true"));
        String path = database == null ? "" : database;
        String rest = parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
        if (path.isEmpty() || path.equals(":memory:")) {
            return new DatabaseUrl(DatabaseKind.SQLITE, "jdbc:sqlite::memory:" + rest, null, null, display, true, null);
        }
        String prefix = "";
        if (uri && path.startsWith("file:")) {
            prefix = "file:";
            path = path.substring("file:".length());
        }
        if (path.startsWith("/")) {
            return new DatabaseUrl(DatabaseKind.SQLITE, "jdbc:sqlite:" + prefix + path + rest, null, null, display,
                    false, null);
        }
        Path file = instancePath.toAbsolutePath().resolve(path).normalize();
        return new DatabaseUrl(DatabaseKind.SQLITE, "jdbc:sqlite:" + prefix + file + rest, null, null, display,
                false, file);
    }

    private static DatabaseUrl fromJdbc(String key, String url, String display, Path instancePath) {
        DatabaseKind kind = DatabaseKind.ofJdbcUrl(url);
        return switch (kind) {
            case H2 -> h2(key, url, display, instancePath);
            case SQLITE -> jdbcSqlite(url, display, instancePath);
            case OTHER -> new DatabaseUrl(kind, url, null, null, display, false, null);
            default -> {
                String userInfo = Credentials.userInfo(url);
                if (count(url, '@') > 1 || (userInfo != null && count(userInfo, ':') > 1)) {
                    throw malformed(key, display, AMBIGUOUS);
                }
                Credentials credentials = new Credentials(null, null);
                String withoutUserInfo = credentials.takeFromUserInfo(url);
                int question = withoutUserInfo.indexOf('?');
                String rest = question < 0 ? "" : credentials.takeFromQuery(withoutUserInfo.substring(question + 1));
                String base = question < 0 ? withoutUserInfo : withoutUserInfo.substring(0, question);
                String query = kind == DatabaseKind.MYSQL
                        ? withDefault(rest, "characterEncoding", "UTF-8", "charset", "connectionCollation") : rest;
                yield new DatabaseUrl(kind, query.isEmpty() ? base : base + "?" + query, credentials.user,
                        credentials.password, display, false, null);
            }
        };
    }

    private static DatabaseUrl jdbcSqlite(String url, String display, Path instancePath) {
        String path = url.substring("jdbc:sqlite:".length());
        int question = path.indexOf('?');
        String rest = question < 0 ? "" : path.substring(question);
        path = question < 0 ? path : path.substring(0, question);
        if (path.isEmpty() || path.equals(":memory:") || path.startsWith("file::memory:")) {
            return new DatabaseUrl(DatabaseKind.SQLITE, "jdbc:sqlite::memory:" + rest, null, null, display, true, null);
        }
        String prefix = path.startsWith("file:") ? "file:" : "";
        String file = path.substring(prefix.length());
        if (file.startsWith("/")) {
            return new DatabaseUrl(DatabaseKind.SQLITE, url, null, null, display, false, null);
        }
        Path resolved = instancePath.toAbsolutePath().resolve(file).normalize();
        return new DatabaseUrl(DatabaseKind.SQLITE, "jdbc:sqlite:" + prefix + resolved + rest, null, null, display,
                false, resolved);
    }

    private static DatabaseUrl h2(String key, String url, String display, Path instancePath) {
        String body = url.substring("jdbc:h2:".length());
        int semicolon = body.indexOf(';');
        String location = semicolon < 0 ? body : body.substring(0, semicolon);
        List<String> settings = new ArrayList<>();
        Credentials credentials = new Credentials(null, null);
        if (semicolon >= 0) {
            for (String setting : body.substring(semicolon + 1).split(";")) {
                if (setting.isBlank()) continue;
                if (!setting.contains("=")) {
                    // H2 would refuse it with the whole URL in its message; it is most often the end
                    // of a password that held a ';'.
                    throw malformed(key, display, "a setting after a ';' has no '='; a password with a ';' cannot be"
                            + " written in an H2 URL: leave PASSWORD out and give it with"
                            + " EngineOptions.driverProperty(\"password\", ...)");
                }
                String name = setting.split("=", 2)[0].trim().toUpperCase(Locale.ROOT);
                String value = setting.contains("=") ? setting.split("=", 2)[1] : "";
                if (name.equals("USER")) credentials.user = value;
                else if (name.equals("PASSWORD")) credentials.password = value;
                else settings.add(setting);
            }
        }
        boolean inMemory = location.startsWith("mem:");
        Path instanceFile = null;
        if (inMemory) {
            if (location.equals("mem:")) {
                // An unnamed in-memory database is private to one connection; a pool needs a shared name.
                location = "mem:carafe-" + UUID.randomUUID();
            }
            addSetting(settings, "DB_CLOSE_DELAY", "-1");
        } else if (!isRemoteOrAbsolute(location)) {
            String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
            if (path.startsWith("./")) path = path.substring(2);
            instanceFile = instancePath.toAbsolutePath().resolve(path).normalize();
            location = "file:" + instanceFile;
        }
        if (settings.stream().noneMatch(s -> s.toUpperCase(Locale.ROOT).startsWith("DATABASE_TO_"))) {
            // Unquoted names stored in lower case, as PostgreSQL does, so native SQL and reflection
            // see the same names Hibernate created.
            settings.add("DATABASE_TO_LOWER=TRUE");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:h2:").append(location);
        settings.forEach(setting -> jdbc.append(';').append(setting));
        return new DatabaseUrl(DatabaseKind.H2, jdbc.toString(), emptyToNull(credentials.user), credentials.password,
                display, inMemory, instanceFile);
    }

    private static boolean isRemoteOrAbsolute(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tcp:") || lower.startsWith("ssl:") || lower.startsWith("zip:")) return true;
        String path = lower.startsWith("file:") ? location.substring(5) : location;
        if (path.matches("^[a-z][a-z0-9]+:.*") && !path.matches("^[a-zA-Z]:.*")) return true;
        return path.startsWith("/") || path.startsWith("~") || path.matches("^[a-zA-Z]:[/\\\\].*");
    }

    private static void addSetting(List<String> settings, String name, String value) {
        if (settings.stream().noneMatch(s -> s.toUpperCase(Locale.ROOT).startsWith(name + "="))) {
            settings.add(name + "=" + value);
        }
    }

    private static String withDefault(String query, String name, String value, String... alternatives) {
        List<String> parameters = splitQuery(query);
        for (String parameter : parameters) {
            String parameterName = parameter.split("=", 2)[0];
            if (parameterName.equalsIgnoreCase(name)) return String.join("&", parameters);
            for (String alternative : alternatives) {
                if (parameterName.equalsIgnoreCase(alternative)) return String.join("&", parameters);
            }
        }
        parameters.add(name + "=" + value);
        return String.join("&", parameters);
    }

    private static List<String> splitQuery(String query) {
        List<String> parameters = new ArrayList<>();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (!parameter.isEmpty()) parameters.add(parameter);
            }
        }
        return parameters;
    }

    private static boolean mysqlDriverPresent() {
        try {
            Class.forName(DatabaseKind.MYSQL.driverClass(), false, DatabaseUrl.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String decode(String text) {
        try {
            return text == null ? null : URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // URLDecoder's message quotes the text, which may be a password.
            throw new BadEscapeException();
        }
    }

    private static long count(String text, char wanted) {
        return text.chars().filter(c -> c == wanted).count();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static ConfigException malformed(String key, String display, String reason) {
        return new ConfigException("'" + key + "' is not a valid database URL: '" + display + "': " + reason
                + ". Examples: postgresql://user:password@localhost:5432/app, sqlite:///app.db,"
                + " jdbc:h2:mem:app.");
    }

    /** A '%' that does not start a percent-encoded character, in text that must not be shown. */
    private static final class BadEscapeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadEscapeException() {
            super(null, null, false, false);
        }
    }

    /** The user and password found in a URL, removed from it as they are found. */
    private static final class Credentials {
        private String user;
        private String password;

        Credentials(String user, String password) {
            this.user = user;
            this.password = password;
        }

        String takeFromQuery(String query) {
            List<String> kept = new ArrayList<>();
            for (String parameter : splitQuery(query)) {
                String[] parts = parameter.split("=", 2);
                String name = parts[0];
                String value = parts.length > 1 ? decode(parts[1]) : "";
                if (name.equalsIgnoreCase("user")) user = value;
                else if (name.equalsIgnoreCase("password")) password = value;
                else kept.add(parameter);
            }
            return String.join("&", kept);
        }

        /** The {@code user:password} between {@code //} and {@code @}, or {@code null} when the URL has none. */
        static String userInfo(String url) {
            int start = url.indexOf("//");
            if (start < 0) return null;
            int at = url.indexOf('@', start);
            int slash = url.indexOf('/', start + 2);
            if (at < 0 || (slash >= 0 && slash < at)) return null;
            return url.substring(start + 2, at);
        }

        String takeFromUserInfo(String url) {
            String info = userInfo(url);
            if (info == null) return url;
            int start = url.indexOf("//");
            int at = start + 2 + info.length();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
            return url.substring(0, start + 2) + url.substring(at + 1);
        }
    }
}
