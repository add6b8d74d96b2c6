package dev.skillforge.data.search;

import java.time.Clock;
import java.util.Map;

import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Reads and moves course manifests ({@link SearchManifest}); every read is consistent, every write conditional. */
final class SearchManifests {

    private final SkillForgeTable table;
    private final Clock clock;

    SearchManifests(SkillForgeTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    SearchManifest read(String courseId) {
        return table.get(SearchKeys.manifest(courseId)).map(SearchManifest::fromItem).orElseGet(() -> SearchManifest.none(courseId));
    }

    /**
     * Moves the manifest from {@code seen} to {@code target}, only if nothing moved it since (position and count revision
     * as seen): the new manifest, or null when another writer got there first.
     */
    SearchManifest claim(SearchManifest seen, SearchTarget target) {
        SearchManifest next = seen.movedTo(target);
        try {
            if (seen.exists()) {
                table.client().putItem(b -> b.tableName(table.name()).item(next.toItem(clock.instant()))
                        .conditionExpression("#position = :seen AND #revision = :revision")
                        .expressionAttributeNames(Map.of("#position", SearchManifest.POSITION, "#revision", SearchManifest.COUNT_REVISION))
                        .expressionAttributeValues(Map.of(":seen", number(seen.position()), ":revision", number(seen.countRevision()))));
            } else {
                table.client().putItem(b -> b.tableName(table.name()).item(next.toItem(clock.instant()))
                        .conditionExpression("attribute_not_exists(PK)"));
            }
            return next;
        } catch (ConditionalCheckFailedException lost) {
            return null;
        }
    }

    /**
     * The retired postings are deleted: forget them. False when the manifest has moved on to a later position (whose own
     * list has them).
     */
    boolean clearRetired(String courseId, long position) {
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(SearchKeys.manifest(courseId).toAttributes())
                    .updateExpression("REMOVE #retired")
                    .conditionExpression("#position = :position")
                    .expressionAttributeNames(Map.of("#retired", SearchManifest.RETIRED, "#position", SearchManifest.POSITION))
                    .expressionAttributeValues(Map.of(":position", number(position))));
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }

    /** The prefix items of {@code refresh} are up to date: forget the list if no count was moved since it was read. */
    boolean clearRefresh(String courseId, long countRevision) {
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(SearchKeys.manifest(courseId).toAttributes())
                    .updateExpression("REMOVE #refresh")
                    .conditionExpression("#revision = :revision")
                    .expressionAttributeNames(Map.of("#refresh", SearchManifest.REFRESH, "#revision", SearchManifest.COUNT_REVISION))
                    .expressionAttributeValues(Map.of(":revision", number(countRevision))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
