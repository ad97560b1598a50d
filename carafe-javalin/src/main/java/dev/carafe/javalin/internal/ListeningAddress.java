package dev.carafe.javalin.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Tells whether the address a server listens on is reachable only from this machine: a loopback
 * address. No host, an empty one, {@code 0.0.0.0} and {@code ::} mean every interface.
 */
final class ListeningAddress {
    private ListeningAddress() {}

    /**
     * Describes where a server with this host setting listens, when that is not loopback only.
     *
     * @param host the configured host, possibly null
     * @return null for a loopback address; otherwise, for example, {@code all interfaces}
     */
    static String beyondLoopback(String host) {
        if (host == null || host.isBlank()) return "all interfaces";
        String trimmed = host.strip();
        InetAddress address;
        try {
            // Jetty binds to the first address the name resolves to; so does this check.
            address = InetAddress.getByName(trimmed);
        } catch (UnknownHostException e) {
            return trimmed + ", a name that does not resolve";
        }
        if (address.isAnyLocalAddress()) return "all interfaces";
        if (address.isLoopbackAddress()) return null;
        return trimmed + ", not a loopback address";
    }
}
