package dev.skillforge.local.scale;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Walks a list route page by page as a client does, following each answer's {@code nextCursor}; after the last page it
 * starts again from the first. Counts the pages and items it saw and how deep it got.
 */
final class Pager {

    private final String firstPage;
    private String cursor;
    private int depth;
    private int deepest;
    private int restarts;

    /** {@code firstPage}: the path with its query (limit, filters), without a cursor. */
    Pager(String firstPage) {
        this.firstPage = firstPage;
    }

    String nextPath() {
        if (cursor == null) {
            return firstPage;
        }
        return firstPage + (firstPage.contains("?") ? "&" : "?") + "cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    /** Follows the answer of the page asked last. */
    void follow(JsonNode page) {
        depth++;
        deepest = Math.max(deepest, depth);
        JsonNode next = page == null ? null : page.get("nextCursor");
        if (next == null || next.isNull() || next.asText().isEmpty()) {
            cursor = null;
            depth = 0;
            restarts++;
        } else {
            cursor = next.asText();
        }
    }

    /** The page number of the next request (1 is the first page). */
    int nextPageNumber() {
        return depth + 1;
    }

    int deepest() {
        return deepest;
    }

    int restarts() {
        return restarts;
    }
}
