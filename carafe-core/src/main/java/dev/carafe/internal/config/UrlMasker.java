package dev.carafe.internal.config;

import java.util.regex.Pattern;

/** Hides passwords in URLs, whatever form the URL takes, before it is shown anywhere. */
public final class UrlMasker {
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#]*:)[^@/]*(@)");
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)([?&;]\\s*[a-z_.-]*password\\s*=)[^&;]*");

    private UrlMasker() {}

    /**
     * Returns the URL with the password of its user info ({@code //user:secret@host}) and of any
     * {@code password=} parameter replaced by {@code ***}.
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(url).replaceAll("$1***$2");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1***");
    }
}
