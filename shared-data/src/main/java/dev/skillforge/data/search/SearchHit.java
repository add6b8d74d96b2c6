package dev.skillforge.data.search;

import java.time.Instant;

/** One search index entry: a published course that has {@code term} with a weight. */
public record SearchHit(String term, String courseId, int weight, Instant publishedAt) {
}
