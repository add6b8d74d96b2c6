package dev.skillforge.courses.app.search;

import java.util.ArrayList;
import java.util.List;

import dev.skillforge.data.search.SearchEntry;
import dev.skillforge.data.search.SearchIndexReader;
import dev.skillforge.data.search.SearchPosition;

/**
 * The postings of several words as one list in position order (each word's postings are already in order: weight, newest,
 * course id). A word's postings are read only when they could hold the next position, a few at a time, and never more
 * than {@code budget} postings in all: when the budget is spent before the order is certain, the merge stops.
 */
final class PostingMerge {

    /** One posting in the merged order, with the word it was read under. */
    record Posting(SearchEntry entry, PostingStream stream) {

        SearchPosition position() {
            return entry.position(stream.factor);
        }
    }

    private final List<PostingStream> streams;
    private final SearchIndexReader reader;
    private int budget;
    private boolean cutShort;

    PostingMerge(List<PostingStream> streams, SearchIndexReader reader, int budget) {
        this.streams = List.copyOf(streams);
        this.reader = reader;
        this.budget = budget;
    }

    /** The next posting, or null: every posting was read, or the budget ran out ({@link #cutShort}). */
    Posting next(int stillWanted) {
        while (true) {
            PostingStream best = best();
            List<PostingStream> toRead = new ArrayList<>();
            for (PostingStream stream : streams) {
                // a stream whose unread postings could reach the best head's score must be read before anything is taken
                if (stream.needsRead() && (best == null || stream.ceiling() >= best.headPosition().score())) {
                    toRead.add(stream);
                }
            }
            if (toRead.isEmpty()) {
                return best == null ? null : new Posting(best.take(), best);
            }
            if (budget <= 0) {
                cutShort = true;
                return null;
            }
            int each = Math.max(2, (stillWanted + toRead.size() - 1) / toRead.size() + (toRead.size() > 1 ? 1 : 0));
            for (PostingStream stream : toRead) {
                if (budget > 0) {
                    budget -= stream.read(reader, Math.min(each, budget));
                }
            }
        }
    }

    /** The budget ran out before every posting was read. */
    boolean cutShort() {
        return cutShort;
    }

    private PostingStream best() {
        PostingStream best = null;
        for (PostingStream stream : streams) {
            SearchPosition head = stream.headPosition();
            if (head != null && (best == null || head.compareTo(best.headPosition()) > 0)) {
                best = stream;
            }
        }
        return best;
    }
}
