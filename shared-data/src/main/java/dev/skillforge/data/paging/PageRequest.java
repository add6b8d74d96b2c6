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

    /** From query parameters as sent: a limit that is not a whole number is a field error, not a 404. */
    public static PageRequest parse(String limit, String cursor) {
        if (limit == null || limit.isEmpty()) {
            return of(null, cursor);
        }
        // ASCII digits as written: no sign, no spaces, no other script's digits (Integer.valueOf takes all three)
        if (!limit.matches("[0-9]{1,9}")) {
            throw new InvalidInput("limit", "must be a whole number between 1 and " + MAX_LIMIT);
        }
        return of(Integer.valueOf(limit), cursor);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
