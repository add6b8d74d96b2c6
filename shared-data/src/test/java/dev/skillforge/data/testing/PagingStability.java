package dev.skillforge.data.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Paging a list while it changes, as a client does: a small limit, and between two pages entries are added before and
 * after the page boundary and removed. What every list promises (docs/data-model.md, "Pagination"): an entry present
 * throughout is listed exactly once, and no entry is listed twice. The requests are the caller's (through the Lambda HTTP
 * layer); this class only walks the cursors and checks the outcome.
 */
public final class PagingStability {

    /** More pages than any test list has: a cursor that never ends is a failure, not a hang. */
    private static final int MAX_PAGES = 200;

    private PagingStability() {
    }

    /** One page as the client saw it: the ids listed, in order, and the next cursor (null on the last page). */
    public record Seen(List<String> ids, String nextCursor) {
    }

    /** What changes between two pages; {@code pagesRead} pages are read so far, {@code listed} holds their ids in order. */
    @FunctionalInterface
    public interface BetweenPages {
        void change(int pagesRead, List<String> listed);
    }

    /** Every page of a list from the first ({@code page} gets the cursor, null for the first), changing it between pages. */
    public static List<String> pageThrough(Function<String, Seen> page, BetweenPages between) {
        List<String> listed = new ArrayList<>();
        String cursor = null;
        for (int pages = 1; pages <= MAX_PAGES; pages++) {
            Seen seen = page.apply(cursor);
            listed.addAll(seen.ids());
            cursor = seen.nextCursor();
            if (cursor == null) {
                return listed;
            }
            between.change(pages, List.copyOf(listed));
        }
        throw new AssertionError("the list did not end within " + MAX_PAGES + " pages: " + listed);
    }

    /** No id twice, and each of {@code presentThroughout} once. */
    public static void assertEachListedOnce(Collection<String> presentThroughout, List<String> listed) {
        Map<String, Integer> times = new HashMap<>();
        listed.forEach(id -> times.merge(id, 1, Integer::sum));
        times.forEach((id, n) -> assertEquals(1, n, id + " listed " + n + " times: " + listed));
        for (String id : presentThroughout) {
            assertTrue(times.containsKey(id), id + " was present throughout and never listed: " + listed);
        }
    }

    /**
     * The entries of a run: those there at the start, minus what was removed meanwhile (present throughout), and what was
     * added (listed at most once, each).
     */
    public static final class Entries {
        private final LinkedHashSet<String> present = new LinkedHashSet<>();
        private final LinkedHashSet<String> added = new LinkedHashSet<>();
        private final LinkedHashSet<String> removed = new LinkedHashSet<>();

        public Entries(Collection<String> atStart) {
            present.addAll(atStart);
        }

        public void added(String id) {
            added.add(id);
        }

        public void removed(String id) {
            present.remove(id);
            added.remove(id);
            removed.add(id);
        }

        /** Present from the first page to the last. */
        public List<String> presentThroughout() {
            return List.copyOf(present);
        }

        public List<String> added() {
            return List.copyOf(added);
        }

        /** An entry present throughout that is not among {@code listed} yet (the list will show it later). */
        public String notYetListed(List<String> listed) {
            return present.stream().filter(id -> !listed.contains(id)).reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("no entry left to remove below the boundary"));
        }

        /** An entry present throughout that {@code listed} shows already. */
        public String listedAlready(List<String> listed) {
            return listed.stream().filter(present::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("no listed entry left to remove"));
        }

        /** The run's outcome: each entry present throughout once, and none twice. */
        public void assertListedOnce(List<String> listed) {
            assertEachListedOnce(present, listed);
        }
    }
}
