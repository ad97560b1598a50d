package dev.carafe.javalin.internal;

import java.util.Locale;

/**
 * Tells whether a request was addressed to this machine by a loopback name or address, from its
 * {@code Host} header alone: {@code localhost}, an address in 127.0.0.0/8, or {@code [::1]}, with
 * or without a port. Names are never resolved: a name that resolves to 127.0.0.1 is exactly what a
 * DNS-rebinding page uses.
 */
final class LoopbackHost {
    private LoopbackHost() {}

    static boolean isLoopback(String host) {
        if (host == null) return false;
        String value = host.strip().toLowerCase(Locale.ROOT);
        int nameEnd = value.startsWith("[") ? value.indexOf(']') + 1 : value.indexOf(':');
        if (nameEnd <= 0) nameEnd = value.startsWith("[") ? 0 : value.length();
        String name = value.substring(0, nameEnd);
        String port = value.substring(nameEnd);
        if (!port.isEmpty() && !port.matches(":[0-9]{1,5}")) return false;
        return name.equals("localhost") || name.equals("localhost.") || name.equals("[::1]")
                || name.equals("[0:0:0:0:0:0:0:1]") || isLoopbackIpv4(name);
    }

    private static boolean isLoopbackIpv4(String name) {
        String[] octets = name.split("\\.", -1);
        if (octets.length != 4) return false;
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) return false;
            if (Integer.parseInt(octet) > 255) return false;
        }
        return octets[0].equals("127");
    }
}
