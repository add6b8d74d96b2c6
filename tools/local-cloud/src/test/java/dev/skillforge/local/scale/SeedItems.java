package dev.skillforge.local.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseCodec;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentCodec;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.LessonCodec;
import dev.skillforge.data.lesson.OutlineCodec;
import dev.skillforge.data.review.ReviewCodec;
import dev.skillforge.data.user.UserProfileCodec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The catalogue's records as table items, made by the services' own codecs (keys and GSI keys included), so a seeded
 * item is byte for byte what the API would have written. Both the seeding and the stream records built from it come
 * from here, so they cannot disagree.
 */
public final class SeedItems {

    private final Catalog catalog;
    private final Course[] courses;

    public SeedItems(Catalog catalog) {
        this.catalog = catalog;
        this.courses = new Course[catalog.sizes().courses()];
        for (int c = 0; c < courses.length; c++) {
            courses[c] = catalog.course(c);
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    public Course course(int index) {
        return courses[index];
    }

    public List<Map<String, AttributeValue>> instructors() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < catalog.instructors(); i++) {
            items.add(UserProfileCodec.toItem(catalog.instructor(i)));
        }
        return items;
    }

    /** Profiles of learners {@code from} (inclusive) to {@code to} (exclusive). */
    public List<Map<String, AttributeValue>> learners(int from, int to) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(to - from);
        for (int learner = from; learner < to; learner++) {
            items.add(UserProfileCodec.toItem(catalog.learner(learner)));
        }
        return items;
    }

    public Map<String, AttributeValue> courseItem(int index) {
        return CourseCodec.toItem(courses[index]);
    }

    /** The course's lessons and its outline item, as the lesson transactions leave them. */
    public List<Map<String, AttributeValue>> lessonsAndOutline(int index) {
        List<Lesson> lessons = lessons(index);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        lessons.forEach(lesson -> items.add(LessonCodec.toItem(lesson)));
        items.add(OutlineCodec.toItem(Catalog.outline(courses[index], lessons)));
        return items;
    }

    public List<Lesson> lessons(int index) {
        return catalog.lessons(courses[index], index);
    }

    public List<Map<String, AttributeValue>> enrollments(int index) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int learner : catalog.learnersOf(index)) {
            items.add(EnrollmentCodec.toItem(catalog.enrollment(learner, courses[index], index)));
        }
        return items;
    }

    public List<Map<String, AttributeValue>> reviews(int index) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int learner : catalog.learnersOf(index)) {
            if (catalog.reviewed(learner, index)) {
                Enrollment enrollment = catalog.enrollment(learner, courses[index], index);
                items.add(ReviewCodec.toItem(catalog.review(learner, enrollment, index)));
            }
        }
        return items;
    }
}
