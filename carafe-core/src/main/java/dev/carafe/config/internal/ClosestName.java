package dev.carafe.config.internal;

import java.util.List;
import java.util.Optional;

/** Guesses which valid name a misspelled configuration key meant, for "Did you mean ...?" hints. */
public final class ClosestName {
    private static final int MAX_EDITS = 2;

    private ClosestName() {}

    /**
     * Returns the candidate within two edits of {@code name} (the closest one, the first on a tie),
     * or nothing when no candidate is that close or the name is too short for a guess to help.
     */
    public static Optional<String> among(String name, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        boolean close = bestDistance > 0 && bestDistance <= MAX_EDITS && bestDistance * 2 < name.length();
        return close ? Optional.of(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
