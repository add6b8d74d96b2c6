package dev.skillforge.local.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseCodec;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.user.UserProfile;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The catalogue's records, course by course, as the services' own records (UserProfile, Course, Lesson, Enrollment,
 * Review). The seeding writes them with the services' codecs and repositories, and the stream records built from them
 * use the same codecs, so the two cannot disagree.
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

    public int courses() {
        return courses.length;
    }

    public Course course(int index) {
        return courses[index];
    }

    /** The course item as the course's create and publish leave it. */
    public Map<String, AttributeValue> courseItem(int index) {
        return CourseCodec.toItem(courses[index]);
    }

    public List<UserProfile> instructors() {
        List<UserProfile> profiles = new ArrayList<>();
        for (int i = 0; i < catalog.instructors(); i++) {
            profiles.add(catalog.instructor(i));
        }
        return profiles;
    }

    /** Profiles of learners {@code from} (inclusive) to {@code to} (exclusive). */
    public List<UserProfile> learners(int from, int to) {
        List<UserProfile> profiles = new ArrayList<>(to - from);
        for (int learner = from; learner < to; learner++) {
            profiles.add(catalog.learner(learner));
        }
        return profiles;
    }

    /** The course's lessons in outline order. */
    public List<Lesson> lessons(int index) {
        return catalog.lessons(courses[index], index);
    }

    public List<Enrollment> enrollments(int index) {
        List<Enrollment> enrollments = new ArrayList<>();
        for (int learner : catalog.learnersOf(index)) {
            enrollments.add(catalog.enrollment(learner, courses[index], index));
        }
        return enrollments;
    }

    public List<Review> reviews(int index) {
        List<Review> reviews = new ArrayList<>();
        for (int learner : catalog.learnersOf(index)) {
            if (catalog.reviewed(learner, index)) {
                reviews.add(catalog.review(learner, catalog.enrollment(learner, courses[index], index), index));
            }
        }
        return reviews;
    }
}
