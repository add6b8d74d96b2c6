package dev.skillforge.data.paging;

import dev.skillforge.data.problem.InvalidInput;

/** What page a caller asks for: a limit (1..100, default 20) and the opaque cursor of the previous page. */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(Integer limit, String cursor) {
        int effective = limit == null ? DEFAULT_LIMIT : limit;
        if (effective < 1 || effective > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(effective, cursor == null || cursor.isBlank() ? null : cursor);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
