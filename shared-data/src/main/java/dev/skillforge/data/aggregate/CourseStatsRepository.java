package dev.skillforge.data.aggregate;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Read side of the aggregates the stream-processor keeps. */
@Singleton
public class CourseStatsRepository {

    private final SkillForgeTable table;
    private final Clock clock;

    @Inject
    public CourseStatsRepository(SkillForgeTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** A course's aggregates; all zero before the first event was processed. */
    public CourseStats find(String courseId) {
        return table.get(CourseStatsKeys.primary(courseId))
                .map(item -> CourseStatsCodec.fromItem(courseId, item))
                .orElseGet(() -> CourseStats.empty(courseId));
    }

    /**
     * Published courses with enough reviews, best average first, ties by more reviews (GSI2): the rank items. Until every
     * aggregate of the layout before rank items has been rolled up once, some aggregates still carry the list's key; such
     * an entry is shown only while its course has no rank item (the roll-up that writes the rank item takes the key off the
     * aggregate in the same transaction, but the index shows both for a moment), so no course is listed twice on a page.
     * <p>
     * A course's place moves whenever its average or review count does, and its rank item is written only then, so the
     * item's {@code updatedAt} is when its place was set: pages after the first leave out courses placed after the first
     * page was read ({@link SkillForgeTable#placedPartitionPage}), and no course is listed twice in one pass either.
     */
    public Page<CourseRank> topRated(PageRequest page) {
        Page<Map<String, AttributeValue>> entries = table.placedPartitionPage(TableDesign.GSI2, CourseRankKeys.TOP_RATED_PARTITION, true,
                page, ItemWriter.UPDATED_AT, clock.instant());
        Set<String> ranked = new HashSet<>();
        List<String> legacy = entries.items().stream().filter(CourseStatsRepository::isLegacy).map(CourseRankCodec::courseIdOf).toList();
        if (!legacy.isEmpty()) {
            table.batchGet(legacy.stream().map(CourseRankKeys::primary).toList())
                    .forEach(rank -> ranked.add(CourseRankCodec.courseIdOf(rank)));
        }
        entries.items().stream().filter(entry -> !isLegacy(entry)).forEach(entry -> ranked.add(CourseRankCodec.courseIdOf(entry)));
        List<CourseRank> shown = entries.items().stream()
                .filter(entry -> !isLegacy(entry) || !ranked.contains(CourseRankCodec.courseIdOf(entry)))
                .map(CourseRankCodec::fromItem)
                .toList();
        return new Page<>(shown, entries.nextCursor());
    }

    /** A top-rated entry of an aggregate itself, from before rank items. */
    private static boolean isLegacy(Map<String, AttributeValue> entry) {
        return CourseStatsKeys.ENTITY.equals(Items.string(entry, ItemWriter.ENTITY));
    }
}
