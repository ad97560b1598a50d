package dev.carafe.replica.internal;

/** Names a database server by the host and port of its JDBC URL, for recordings and metrics. */
final class NodeNames {
    private NodeNames() {}

    /**
     * Returns {@code host:port} of a JDBC URL ({@code jdbc:postgresql://10.0.0.7:5432/app}), the
     * hosts of a multi-host URL joined by commas, or the URL itself when it names no host.
     */
    static String hostAndPort(String jdbcUrl) {
        int start = jdbcUrl.indexOf("//");
        if (start < 0) return jdbcUrl;
        int end = start + 2;
        while (end < jdbcUrl.length() && "/?;".indexOf(jdbcUrl.charAt(end)) < 0) end++;
        String hosts = jdbcUrl.substring(start + 2, end);
        int at = hosts.lastIndexOf('@');
        return at < 0 ? hosts : hosts.substring(at + 1);
    }
}
