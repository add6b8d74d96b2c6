package dev.skillforge.data.search;

import java.util.Map;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseCodec;
import dev.skillforge.data.item.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the index must hold for a course at one point of its history. {@code position} orders those points: twice the
 * course's version, plus one for its delete (a delete keeps the version it deleted), so every change of a course has a
 * position above the one before. {@code course} is null when the course is not to be found (draft, unpublished,
 * deleted).
 */
public record SearchTarget(String courseId, long position, Course course) {

    /** The course as it stands: its words while published, none otherwise. */
    public static SearchTarget of(Course course) {
        return new SearchTarget(course.courseId(), 2 * course.version(), course.isPublished() ? course : null);
    }

    /** The course was deleted at {@code version}. */
    public static SearchTarget removed(String courseId, long version) {
        return new SearchTarget(courseId, 2 * version + 1, null);
    }

    /** From a course's stream record: its new image, or for a delete its old one. */
    public static SearchTarget fromImages(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        if (newImage != null) {
            return of(CourseCodec.fromItem(newImage));
        }
        return removed(Items.string(oldImage, "courseId"), Items.number(oldImage, "version", 0));
    }

    public boolean indexed() {
        return course != null;
    }

    /** Word to weight of what must be indexed (empty when nothing). */
    public Map<String, Integer> words() {
        return course == null ? Map.of() : SearchTerms.of(course);
    }
}
