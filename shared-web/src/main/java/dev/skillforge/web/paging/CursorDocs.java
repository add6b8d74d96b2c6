package dev.skillforge.web.paging;

/**
 * What a list's {@code cursor} query parameter promises, for the OpenAPI description of every paged route
 * (docs/data-model.md, "Pagination", says the same at length).
 */
public final class CursorDocs {

    private static final String OPAQUE = "The nextCursor of the previous page of this same list (same path, filters and caller), "
            + "sent back unchanged; omit it for the first page. Opaque: encrypted and authenticated, it shows no key, id or value "
            + "and cannot be built or edited; a changed, truncated, earlier-format or foreign cursor is a 400 "
            + "/problems/invalid-cursor. ";

    /** A list ordered by a key that never changes (a time of creation, an id): seeking makes every page exact. */
    public static final String FIXED_ORDER = OPAQUE + "The list's order is a key that never changes, and each page starts just after "
            + "the last item of the previous one: every item present from the first page to the last is returned exactly once; "
            + "an item added meanwhile is returned once if it lands after that point, and not in this pass if before it; an "
            + "item removed before its page is read is not returned.";

    /** A list ordered by a value that changes (a rating, an email, a search score): moved entries are left out. */
    public static final String MOVING_ORDER = OPAQUE + "The list is ordered by a value that can change. Each page starts just after "
            + "the last item of the previous one, and the pages after the first leave out items whose place changed (or that "
            + "were added) after the first page was read: no item is returned twice in one pass, every item that keeps its "
            + "place is returned exactly once, and an item that moves is returned at most once. A page can therefore hold "
            + "fewer than limit items and still have a nextCursor.";

    private CursorDocs() {
    }
}
