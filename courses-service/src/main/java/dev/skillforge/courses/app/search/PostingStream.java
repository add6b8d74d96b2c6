package dev.skillforge.courses.app.search;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import dev.skillforge.data.search.SearchEntry;
import dev.skillforge.data.search.SearchIndexReader;
import dev.skillforge.data.search.SearchPosition;
import dev.skillforge.data.search.SearchTerms;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One word's postings in a range, best first, read a Query (with its Limit) at a time as the merge needs them. */
final class PostingStream {

    final String word;
    final int factor;
    private final SearchIndexReader.Range range;
    private final Deque<SearchEntry> buffer = new ArrayDeque<>();
    private Map<String, AttributeValue> next;
    private boolean started;
    private boolean ended;
    /** The score the unread postings cannot exceed. */
    private int ceiling;

    PostingStream(String word, int factor, SearchIndexReader.Range range) {
        this.word = word;
        this.factor = factor;
        this.range = range;
        this.ceiling = SearchTerms.MAX_WEIGHT * factor;
    }

    SearchPosition headPosition() {
        return buffer.isEmpty() ? null : buffer.peekFirst().position(factor);
    }

    SearchEntry take() {
        return buffer.pollFirst();
    }

    /** Nothing buffered, more to read. */
    boolean needsRead() {
        return buffer.isEmpty() && !ended;
    }

    boolean ended() {
        return buffer.isEmpty() && ended;
    }

    int ceiling() {
        return ceiling;
    }

    /** Reads up to {@code limit} more postings; answers how many were read. */
    int read(SearchIndexReader reader, int limit) {
        SearchIndexReader.Postings page = reader.postings(word, range, limit, started ? next : null);
        started = true;
        buffer.addAll(page.entries());
        next = page.next();
        ended = next == null;
        if (!page.entries().isEmpty()) {
            ceiling = page.entries().get(page.entries().size() - 1).weight() * factor;
        }
        return page.entries().size();
    }
}
