package dev.carafe.config.internal;

import java.util.regex.Pattern;

/** Hides passwords in URLs, whatever form the URL takes, before it is shown anywhere. */
public final class UrlMasker {
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)([?&;]\\s*[a-z_.-]*password\\s*=)[^&;]*");

    private UrlMasker() {}

    /**
     * Returns the URL with the password of its user info ({@code //user:secret@host}) and of any
     * {@code password=} parameter replaced by {@code ***}. A password written without the
     * percent-encoding it needs ({@code //user:p@ss/w0rd@host}) is still masked whole.
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        // Parameters first, so that an '@' inside a password parameter is gone before the user
        // info is looked for.
        return maskUserInfo(PASSWORD_PARAMETER.matcher(url).replaceAll("$1***"));
    }

    private static String maskUserInfo(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return url;
        }
        int from = start + 2;
        // The user info ends at the last '@' before the path; when the password holds an
        // unencoded '/', the path seems to start inside it, so look up to the query instead.
        int at = lastAt(url, from, endOf(url, from, "/"));
        if (at < 0) {
            at = lastAt(url, from, endOf(url, from, "?#"));
        }
        int colon = url.indexOf(':', from);
        if (at < 0 || colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon + 1) + "***" + url.substring(at);
    }

    private static int endOf(String url, int from, String terminators) {
        for (int i = from; i < url.length(); i++) {
            if (terminators.indexOf(url.charAt(i)) >= 0) return i;
        }
        return url.length();
    }

    private static int lastAt(String url, int from, int end) {
        int at = url.lastIndexOf('@', end - 1);
        return at >= from ? at : -1;
    }
}
