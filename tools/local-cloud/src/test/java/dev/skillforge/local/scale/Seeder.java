package dev.skillforge.local.scale;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewRepository;
import dev.skillforge.data.search.CourseSearchIndex;
import dev.skillforge.data.search.SearchTarget;
import dev.skillforge.data.table.Concurrently;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.data.user.UserProfileCodec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes the catalogue straight into a local engine with the project's own code, step by step:
 * <ul>
 * <li>items that are one codec item each (profiles, courses) with the project's batch writer ({@link SkillForgeTable#batchWrite}:
 * BatchWriteItem of 25 items, 8 calls in flight, unprocessed items retried), the next thousand items built while the last
 * two thousand are written;</li>
 * <li>writes that are more than one item with the repositories the services call: a lesson with its outline entry and
 * lesson key ({@link LessonRepository#add}), an enrollment with the learner's progress item
 * ({@link EnrollmentRepository#createIfAbsent}), a review with its author's enrollment checked
 * ({@link ReviewRepository#createIfAbsent}), a bounded number at a time;</li>
 * <li>the search index with the indexer's own code ({@link CourseSearchIndex#bringTo}, as the stream's SearchIndexer and the
 * search rebuild call it), so its items follow whatever the index is.</li>
 * </ul>
 * Nothing goes through the metered endpoint, so seeding costs no function any units and makes no stream records (the
 * aggregates the stream would have derived are {@link SeededChanges}).
 */
public final class Seeder implements AutoCloseable {

    static final int FLUSH_ITEMS = 1_000;
    static final int FLUSHES_IN_FLIGHT = 2;
    /** Repository writes in flight at once (each one transaction or conditional write). */
    static final int WRITES_IN_FLIGHT = 16;
    /** Courses whose lessons are added side by side (each course's lessons one after the other, as an author adds them). */
    static final int COURSES_IN_FLIGHT = 8;
    /** Courses indexed side by side, as the search rebuild does (they share word counts and prefix items). */
    static final int INDEXING_IN_FLIGHT = 4;
    /** courses-service's cap on a course's lessons (its LessonService); every seeded course is far below it. */
    static final int LESSON_CAP = 200;

    /** What was written (by kind), how long each step took, and how long it all took. */
    public record Result(Map<String, Long> counts, Map<String, Duration> steps, Duration took) {

        public long writes() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final DynamoDbClient client;
    private final SkillForgeTable table;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Duration> steps = new LinkedHashMap<>();

    public Seeder(String tableName, URI engine) {
        this.client = TestTable.clientFor(engine);
        this.table = new SkillForgeTable(client, tableName, CursorCodec.forLists("scale-run-seeding-only-cursor-secret-0123456789"));
    }

    public Result seed(SeedItems items) {
        long started = System.nanoTime();
        int courses = items.courses();
        int learners = items.catalog().sizes().learners();
        step("profiles and courses (BatchWriteItem)", () -> {
            try (Batches batches = new Batches(table)) {
                items.instructors().forEach(profile -> batches.add(UserProfileCodec.toItem(profile)));
                count("instructor profiles", items.instructors().size());
                for (int from = 0; from < learners; from += FLUSH_ITEMS) {
                    items.learners(from, Math.min(learners, from + FLUSH_ITEMS)).forEach(profile -> batches.add(UserProfileCodec.toItem(profile)));
                }
                count("learner profiles", learners);
                for (int c = 0; c < courses; c++) {
                    batches.add(items.courseItem(c));
                }
                count("courses", courses);
            }
        });
        step("lessons (LessonRepository.add)", () -> {
            LessonRepository lessons = new LessonRepository(table);
            AtomicLong added = new AtomicLong();
            Concurrently.forEach(indexes(courses), COURSES_IN_FLIGHT, c -> {
                Course course = items.course(c);
                for (Lesson lesson : items.lessons(c)) {
                    // as courses-service adds a lesson: the outline read strongly, then one transaction
                    lessons.add(lesson, lessons.outline(course.courseId(), true), LESSON_CAP, course.ownerId());
                    added.incrementAndGet();
                }
            });
            count("lessons", added.get());
        });
        step("enrollments (EnrollmentRepository.createIfAbsent)", () -> {
            EnrollmentRepository enrollments = new EnrollmentRepository(table);
            List<Enrollment> all = new ArrayList<>();
            indexes(courses).forEach(c -> all.addAll(items.enrollments(c)));
            Concurrently.forEach(all, WRITES_IN_FLIGHT, enrollment -> require(enrollments.createIfAbsent(enrollment), enrollment));
            count("enrollments", all.size());
        });
        step("reviews (ReviewRepository.createIfAbsent)", () -> {
            ReviewRepository reviews = new ReviewRepository(table);
            List<Review> all = new ArrayList<>();
            indexes(courses).forEach(c -> all.addAll(items.reviews(c)));
            Concurrently.forEach(all, WRITES_IN_FLIGHT, review -> {
                ReviewRepository.Creation creation = reviews.createIfAbsent(review);
                require(creation == ReviewRepository.Creation.CREATED, review + ": " + creation);
            });
            count("reviews", all.size());
        });
        step("search index (CourseSearchIndex.bringTo)", () -> {
            CourseSearchIndex index = new CourseSearchIndex(table);
            List<Integer> published = indexes(courses).stream().filter(c -> items.course(c).isPublished()).toList();
            Concurrently.forEach(published, INDEXING_IN_FLIGHT, c -> index.bringTo(SearchTarget.of(items.course(c))));
            count("courses indexed for search", published.size());
        });
        return new Result(Collections.unmodifiableMap(counts), Collections.unmodifiableMap(steps), Duration.ofNanos(System.nanoTime() - started));
    }

    private void step(String name, Runnable work) {
        long started = System.nanoTime();
        work.run();
        steps.put(name, Duration.ofNanos(System.nanoTime() - started));
    }

    private void count(String what, long how) {
        counts.put(what, how);
    }

    private static List<Integer> indexes(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    private static void require(boolean done, Object what) {
        if (!done) {
            throw new IllegalStateException("seeding found it written already: " + what);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Items handed to background BatchWriteItems a thousand at a time, two thousand in flight at most. */
    private static final class Batches implements AutoCloseable {

        private final SkillForgeTable table;
        private final ExecutorService flusher = Executors.newVirtualThreadPerTaskExecutor();
        private final Semaphore inFlight = new Semaphore(FLUSHES_IN_FLIGHT);
        private final List<Future<?>> flushes = new ArrayList<>();
        private List<Map<String, AttributeValue>> buffer = new ArrayList<>();

        Batches(SkillForgeTable table) {
            this.table = table;
        }

        void add(Map<String, AttributeValue> item) {
            buffer.add(item);
            if (buffer.size() >= FLUSH_ITEMS) {
                flush();
            }
        }

        private void flush() {
            if (buffer.isEmpty()) {
                return;
            }
            List<Map<String, AttributeValue>> batch = buffer;
            buffer = new ArrayList<>();
            inFlight.acquireUninterruptibly();
            flushes.add(flusher.submit(() -> {
                try {
                    table.batchWrite(batch, List.of());
                } finally {
                    inFlight.release();
                }
            }));
            for (Future<?> done : flushes.stream().filter(Future::isDone).toList()) {
                await(done); // a failed write stops the seeding at once
            }
            flushes.removeIf(Future::isDone);
        }

        /** Writes what is left and waits for every write. */
        @Override
        public void close() {
            flush();
            flushes.forEach(Batches::await);
            flusher.close();
        }

        private static void await(Future<?> flush) {
            try {
                flush.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while seeding", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("seeding failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
