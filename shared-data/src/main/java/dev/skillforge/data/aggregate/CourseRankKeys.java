package dev.skillforge.data.aggregate;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.table.TableDesign;

/**
 * A course's place in the top-rated list: one small item beside the aggregate, holding only what the list shows. It
 * carries the list's GSI2 key while the course is ranked, and the stream-processor writes it only when the ranking
 * changes (the average, the review count or the publication), so an enrollment's roll-up never rewrites the list.
 */
public final class CourseRankKeys {

    public static final String ENTITY = "courseRank";
    public static final String SORT_KEY = "rank";
    public static final String TOP_RATED_PARTITION = "courses#top-rated";

    public static final AccessPattern OF_COURSE = new AccessPattern(ENTITY,
            "a course's place in the top-rated list (written only when its average, review count or publication changes)",
            "TransactWriteItems (Update, with the aggregate's roll-up)", AccessPattern.TABLE, "PK = course#<courseId> AND SK = rank",
            "stream-aggregates (the roll-up; never read by the processor: the aggregate's rankedAs says what it holds)");
    public static final AccessPattern TOP_RATED = new AccessPattern(ENTITY, "published courses by average rating, ties by review count",
            "Query", TableDesign.GSI2.name(),
            "GSI2PK = courses#top-rated, ScanIndexForward=false (GSI2SK = <average x1000, 4 digits>#<count, 10 digits>#<courseId>)",
            "GET /courses/top-rated (courseStats entries of the earlier layout too, until their course's next roll-up)");

    private CourseRankKeys() {
    }

    public static Key primary(String courseId) {
        return new Key(CourseKeys.partition(courseId), SORT_KEY);
    }

    /** Zero-padded so string order is numeric order: average 4.25 -> 4250, count 12 -> 0000000012. */
    public static IndexKey topRated(long averageMillis, long reviewCount, String courseId) {
        return new IndexKey(TableDesign.GSI2, TOP_RATED_PARTITION, String.format("%04d#%010d#%s", averageMillis, reviewCount, courseId));
    }
}
