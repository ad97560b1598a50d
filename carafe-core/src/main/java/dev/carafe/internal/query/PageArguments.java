package dev.carafe.internal.query;

import dev.carafe.NotFoundException;
import dev.carafe.query.PageRequest;
import java.util.function.Function;

/**
 * Resolves page and per-page as Flask-SQLAlchemy does: explicit arguments win, else the request's
 * query string, else 1 and 20; then the maximum, then the range checks (404 with errorOut, else
 * fallbacks; Carafe falls back to {@code min(20, maxPerPage)} for a bad per-page).
 *
 * @param page the resolved page, from 1
 * @param perPage the resolved rows per page, from 1
 */
public record PageArguments(int page, int perPage) {

    /** Resolves the arguments; {@code queryParameter} is {@code null} outside a request. */
    public static PageArguments resolve(PageRequest request, Function<String, String> queryParameter) {
        int page = request.page() != null ? request.page()
                : fromRequest(queryParameter, "page", 1, request.errorOut());
        int perPage = request.perPage() != null ? request.perPage()
                : fromRequest(queryParameter, "per_page", PageRequest.DEFAULT_PER_PAGE, request.errorOut());
        perPage = Math.min(perPage, request.maxPerPage());
        if (page < 1) {
            if (request.errorOut()) throw new NotFoundException();
            page = 1;
        }
        if (perPage < 1) {
            if (request.errorOut()) throw new NotFoundException();
            perPage = Math.min(PageRequest.DEFAULT_PER_PAGE, request.maxPerPage());
        }
        return new PageArguments(page, perPage);
    }

    private static int fromRequest(Function<String, String> queryParameter, String name, int fallback, boolean errorOut) {
        String raw = queryParameter == null ? null : queryParameter.apply(name);
        if (raw == null) return fallback;
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            if (errorOut) throw new NotFoundException();
            return fallback;
        }
    }

    /** The offset of the page's first row. */
    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
