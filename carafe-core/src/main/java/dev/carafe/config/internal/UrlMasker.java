package dev.carafe.config.internal;

import java.util.regex.Pattern;

/** Hides passwords in URLs, whatever form the URL takes, before it is shown anywhere. */
public final class UrlMasker {
    /**
     * A {@code password=} parameter; in H2's {@code ;} settings, a {@code ;} not followed by another
     * setting's {@code NAME=} is taken as part of the password ({@code ;PASSWORD=p;ss}).
     */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile(
            "(?i)([?&;]\\s*[a-z_.-]*password\\s*=)[^&;]*(?:;(?!\\s*[a-z_][a-z0-9_]*\\s*=)[^&;]*)*");
    /** Oracle's thin URLs put the password before the host: {@code jdbc:oracle:thin:scott/tiger@//db/app}. */
    private static final Pattern ORACLE_PASSWORD = Pattern.compile("(?i)^(jdbc:oracle:[a-z]+:[^/@:]*/).*(@)");

    private UrlMasker() {}

    /**
     * Returns the URL with the password of its user info ({@code //user:secret@host}) and of any
     * {@code password=} parameter replaced by {@code ***}. A password written without the
     * percent-encoding it needs ({@code //user:p@ss/w0rd@host}) is still masked whole: with several
     * {@code @}, everything from the user's {@code :} to the last {@code @} is masked.
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        // Parameters first, so that an '@' inside a password parameter is gone before the user
        // info is looked for.
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return maskUserInfo(ORACLE_PASSWORD.matcher(masked).replaceFirst("$1***$2"));
    }

    private static String maskUserInfo(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return url;
        }
        int from = start + 2;
        int firstAt = url.indexOf('@', from);
        int lastAt = url.lastIndexOf('@');
        if (firstAt >= 0 && lastAt > firstAt) {
            // Several '@' (postgresql://u:S3c@host/PW@host/db): where the password ends cannot be told,
            // so everything up to the last '@' may be password; only a user before a ':' is kept.
            int colon = url.indexOf(':', from);
            boolean user = colon >= 0 && colon < firstAt && url.indexOf('/', from) > colon;
            return url.substring(0, user ? colon + 1 : from) + "***" + url.substring(lastAt);
        }
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
