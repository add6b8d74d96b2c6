package dev.skillforge.data.course;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.keys.Key;
import dev.skillforge.data.lesson.LessonKeys;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Courses in the table; each method is one access pattern from {@link CourseKeys}. */
@Singleton
public class CourseRepository {

    private final SkillForgeTable table;

    @Inject
    public CourseRepository(SkillForgeTable table) {
        this.table = table;
    }

    public Optional<Course> find(String courseId) {
        return table.get(CourseKeys.primary(courseId)).map(CourseCodec::fromItem);
    }

    /** Eventually consistent (half the units): for visitors, who cannot have changed the course a moment ago. */
    public Optional<Course> findEventually(String courseId) {
        return table.getEventually(CourseKeys.primary(courseId)).map(CourseCodec::fromItem);
    }

    public void create(Course course) {
        table.create(CourseCodec.toItem(course), "A course with this id already exists.");
    }

    /** Writes {@code next} only while the stored version is {@code expectedVersion}; GSI keys follow the status. */
    public Course update(Course next, long expectedVersion) {
        table.updateVersioned(CourseKeys.primary(next.courseId()), CourseCodec.toItem(next), CourseCodec.OWNED, expectedVersion, "course");
        return next;
    }

    /**
     * Publishes: the course write and a check that its outline holds a lesson, in one transaction, so a lesson deleted at
     * the same moment cannot leave a published course empty (the delete checks the course in its own transaction).
     */
    public Course publish(Course next, long expectedVersion) {
        table.updateVersionedWhile(CourseKeys.primary(next.courseId()), CourseCodec.toItem(next), CourseCodec.OWNED, expectedVersion,
                "course", LessonKeys.outline(next.courseId()), "attribute_exists(PK) AND size(#lessons) > :none",
                Map.of("#lessons", "lessons"), Map.of(":none", AttributeValue.fromN("0")),
                () -> Conflict.invalidState("A course needs at least one lesson before it can be published."));
        return next;
    }

    /**
     * Deletes the course item if it still has {@code expectedVersion}, and its outline in the same transaction: a progress
     * request reads only the outline, so the outline's absence is how it learns the course is gone. Everything else in
     * the partition goes with the cascade.
     */
    public void delete(String courseId, long expectedVersion, String actor) {
        table.deleteVersionedWith(CourseKeys.primary(courseId), expectedVersion, "course", actor,
                List.of(dev.skillforge.data.lesson.LessonKeys.outline(courseId)));
    }

    public Page<Course> listPublishedNewestFirst(PageRequest page) {
        return table.partitionPage(TableDesign.GSI1, CourseKeys.PUBLISHED_PARTITION, true, page).map(CourseCodec::fromItem);
    }

    public Page<Course> listPublishedInCategory(String category, PageRequest page) {
        return table.partitionPage(TableDesign.GSI2, CourseKeys.CATEGORY_PARTITION_PREFIX + category, true, page).map(CourseCodec::fromItem);
    }

    /** Several courses in one eventually consistent BatchGetItem; missing ids are simply absent from the map. */
    public Map<String, Course> findMany(Collection<String> courseIds) {
        return findMany(courseIds, false);
    }

    /** {@link #findMany} strongly consistent: for a learner's own list, where a course just enrolled in must not vanish. */
    public Map<String, Course> findManyConsistent(Collection<String> courseIds) {
        return findMany(courseIds, true);
    }

    private Map<String, Course> findMany(Collection<String> courseIds, boolean consistent) {
        Map<String, Course> found = new LinkedHashMap<>();
        List<Key> keys = courseIds.stream().distinct().map(CourseKeys::primary).toList();
        (consistent ? table.batchGetConsistent(keys) : table.batchGet(keys)).stream()
                .map(CourseCodec::fromItem)
                .forEach(course -> found.put(course.courseId(), course));
        return found;
    }
}
