package dev.skillforge.local.scale;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.local.identity.DevIdentity;

/**
 * The measured traffic of a scale run: every learner-facing route on the seeded platform, most of it on the large
 * course (its page, outline, lessons, enrollment list, rating and reviews, joining and leaving it, progress and quizzes in
 * it), the catalogue's lists walked page by page, and the searches. Every write is undone by a later block (joining then
 * leaving, reviewing then deleting the review), so the large course's counts end where the seeding left them.
 */
public final class ScaleWorkloads {

    private static final int PAGE = 20;

    private final SeedItems items;
    private final Catalog catalog;
    private final DevIdentity identity;
    private final String adminToken;
    private final int requests;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final String big = Catalog.courseId(Catalog.BIG);

    public ScaleWorkloads(SeedItems items, DevIdentity identity, String adminToken) {
        this.items = items;
        this.catalog = items.catalog();
        this.identity = identity;
        this.adminToken = adminToken;
        this.requests = catalog.sizes().requestsPerRoute();
    }

    /** The yardstick: an ordinary course's page, anonymous (one small item, eventually consistent). */
    public RouteDriver.Call yardstick() {
        return new RouteDriver.Call(null, "GET", "/courses/" + Catalog.courseId(2), null);
    }

    /** Reads of every function and route family, unmeasured: each function's first calls prime its client and JIT. */
    public List<RouteDriver.Call> warmUp() {
        List<RouteDriver.Call> calls = new ArrayList<>();
        String lesson = items.lessons(Catalog.BIG).get(0).lessonId();
        for (int i = 0; i < 10; i++) {
            String learner = learnerToken(i);
            calls.add(yardstick());
            calls.add(new RouteDriver.Call(null, "GET", "/courses?limit=" + PAGE, null));
            calls.add(new RouteDriver.Call(null, "GET", "/courses/search?q=python", null));
            calls.add(new RouteDriver.Call(null, "GET", "/courses/" + big + "/lessons", null));
            calls.add(new RouteDriver.Call(learner, "GET", "/courses/" + big + "/lessons/" + lesson, null));
            calls.add(new RouteDriver.Call(learner, "GET", "/me", null));
            calls.add(new RouteDriver.Call(learner, "GET", "/me/enrollments", null));
            calls.add(new RouteDriver.Call(learner, "GET", "/me/progress/" + big, null));
            calls.add(new RouteDriver.Call(null, "GET", "/courses/" + big + "/rating", null));
            calls.add(new RouteDriver.Call(null, "GET", "/courses/" + big + "/reviews?limit=" + PAGE, null));
            calls.add(new RouteDriver.Call(null, "GET", "/courses/top-rated?limit=" + PAGE, null));
            calls.add(new RouteDriver.Call(instructorToken(), "GET", "/courses/" + big + "/enrollments?limit=" + PAGE, null));
            calls.add(new RouteDriver.Call(adminToken, "GET", "/admin/users?role=student&limit=" + PAGE, null));
        }
        return calls;
    }

    public List<Workload> all() {
        List<Workload> workloads = new ArrayList<>();
        workloads.addAll(catalogueReads());
        workloads.add(searches());
        workloads.addAll(bigCourseReads());
        workloads.addAll(enrollments());
        workloads.addAll(progress());
        workloads.addAll(reviews());
        workloads.addAll(profiles());
        return workloads;
    }

    private List<Workload> catalogueReads() {
        Pager published = new Pager("/courses?limit=" + PAGE);
        String category = items.course(1).category();
        Pager inCategory = new Pager("/courses?limit=" + PAGE + "&category=" + category);
        Pager topRated = new Pager("/courses/top-rated?limit=" + PAGE);
        return List.of(
                new Workload("GET /courses", "published list, walked page by page", requests, 200,
                        i -> anonymous(published.nextPath()), fullPages(published, "items")),
                new Workload("GET /courses", "one category (" + category + "), walked page by page", requests, 200,
                        i -> anonymous(inCategory.nextPath()), fullPages(inCategory, "items")),
                new Workload("GET /courses/top-rated", "top-rated list, walked page by page", requests, 200,
                        i -> anonymous(topRated.nextPath()), fullPages(topRated, "items")));
    }

    private Workload searches() {
        List<String> queries = catalog.searches(catalog.sizes().searches());
        return new Workload("GET /courses/search", "searches, Zipf over the catalogue's words", queries.size(), 200,
                i -> anonymous("/courses/search?q=" + URLEncoder.encode(queries.get(i), StandardCharsets.UTF_8)),
                (i, answer, problems) -> {
                    if (answer.body().path("items").isEmpty()) {
                        problems.add("search '" + queries.get(i) + "' found nothing; every query names a published course");
                    }
                });
    }

    private List<Workload> bigCourseReads() {
        List<Lesson> lessons = items.lessons(Catalog.BIG);
        int bigEnrollments = catalog.sizes().bigEnrollments();
        Pager enrolled = new Pager("/courses/" + big + "/enrollments?limit=" + PAGE);
        Set<String> listed = new HashSet<>();
        return List.of(
                new Workload("GET /courses/{courseId}", "the large course's page", requests, 200, i -> anonymous("/courses/" + big)),
                new Workload("GET /courses/{courseId}/lessons", "the large course's outline (" + lessons.size() + " lessons)", requests, 200,
                        i -> anonymous("/courses/" + big + "/lessons"),
                        (i, answer, problems) -> expectSize(answer.body().path("lessons"), lessons.size(), "outline", problems)),
                new Workload("GET /courses/{courseId}/lessons/{lessonId}", "a lesson of the large course, as an enrolled learner", requests,
                        200, i -> new RouteDriver.Call(learnerToken(i % bigEnrollments), "GET",
                                "/courses/" + big + "/lessons/" + lessons.get(i % lessons.size()).lessonId(), null),
                        (i, answer, problems) -> {
                            if (answer.body().path("content").asText("").isEmpty()) {
                                problems.add("an enrolled learner got no lesson content");
                            }
                        }),
                new Workload("GET /courses/{courseId}/enrollments", "the large course's learners, walked page by page as its instructor",
                        requests, 200, i -> new RouteDriver.Call(instructorToken(), "GET", enrolled.nextPath(), null),
                        (i, answer, problems) -> {
                            int pageNumber = enrolled.nextPageNumber();
                            JsonNode page = answer.body().path("items");
                            boolean last = pageNumber * PAGE >= bigEnrollments;
                            expectSize(page, last ? bigEnrollments - (pageNumber - 1) * PAGE : PAGE, "enrollment page " + pageNumber,
                                    problems);
                            page.forEach(learner -> {
                                if (!listed.add(learner.path("userId").asText()) && enrolled.restarts() == 0) {
                                    problems.add("a learner listed twice while paging: " + learner.path("userId").asText());
                                }
                            });
                            enrolled.follow(answer.body());
                        }),
                new Workload("GET /courses/{courseId}/rating", "the large course's rating", requests, 200, i -> anonymous("/courses/" + big + "/rating"),
                        (i, answer, problems) -> {
                            if (answer.body().path("enrollmentCount").asLong() < bigEnrollments - requests) {
                                problems.add("the large course's rating counts " + answer.body().path("enrollmentCount") + " enrollments");
                            }
                        }));
    }

    /** Learners who were not in the large course join it, then leave it again. */
    private List<Workload> enrollments() {
        int first = catalog.sizes().bigEnrollments();
        return List.of(
                new Workload("POST /enroll/{courseId}", "learners joining the large course", requests, 201,
                        i -> new RouteDriver.Call(learnerToken(first + i), "POST", "/enroll/" + big, null)),
                new Workload("DELETE /enroll/{courseId}", "the same learners leaving it", requests, 204,
                        i -> new RouteDriver.Call(learnerToken(first + i), "DELETE", "/enroll/" + big, null)),
                new Workload("GET /me/enrollments", "learners in the large course and two others", requests, 200,
                        i -> new RouteDriver.Call(learnerToken(withTwoOthers(i)), "GET", "/me/enrollments", null),
                        (i, answer, problems) -> expectSize(answer.body().path("items"),
                                1 + catalog.otherCourses(withTwoOthers(i)).length, "enrollments of a learner", problems)));
    }

    /** Learner i of those enrolled in the large course and two more ({@link Catalog#otherCourses}: learner % 4 == 3). */
    private int withTwoOthers(int i) {
        return (4 * i + 3) % (catalog.sizes().bigEnrollments() - (catalog.sizes().bigEnrollments() % 4));
    }

    private List<Workload> progress() {
        List<Lesson> lessons = items.lessons(Catalog.BIG);
        Lesson quiz = lessons.get(Catalog.QUIZ_LESSON);
        StringBuilder answers = new StringBuilder("{\"answers\":{");
        for (int q = 0; q < Catalog.quizQuestions(); q++) {
            answers.append(q == 0 ? "" : ",").append("\"q").append(q + 1).append("\":").append(Catalog.correctOption(q));
        }
        String passing = answers.append("}}").toString();
        return List.of(
                new Workload("PUT /progress/{courseId}/{lessonId}", "lessons completed in the large course", requests, 200,
                        i -> new RouteDriver.Call(learnerToken(i), "PUT", "/progress/" + big + "/" + lessons.get(0).lessonId(), null)),
                new Workload("POST /progress/{courseId}/{lessonId}/quiz", "quizzes passed in the large course", requests, 200,
                        i -> new RouteDriver.Call(learnerToken(i), "POST", "/progress/" + big + "/" + quiz.lessonId() + "/quiz", passing)),
                new Workload("GET /me/progress/{courseId}", "a learner's progress in the large course", requests, 200,
                        i -> new RouteDriver.Call(learnerToken(i), "GET", "/me/progress/" + big, null)));
    }

    private List<Workload> reviews() {
        List<Integer> reviewers = new ArrayList<>();
        for (int learner = 0; reviewers.size() < requests && learner < catalog.sizes().bigEnrollments(); learner++) {
            if (!catalog.reviewed(learner, Catalog.BIG)) {
                reviewers.add(learner);
            }
        }
        Pager reviewPages = new Pager("/courses/" + big + "/reviews?limit=" + PAGE);
        return List.of(
                new Workload("POST /reviews/{courseId}", "enrolled learners reviewing the large course", reviewers.size(), 201,
                        i -> new RouteDriver.Call(learnerToken(reviewers.get(i)), "POST", "/reviews/" + big,
                                "{\"rating\":" + (1 + i % 5) + ",\"title\":\"Scale run review " + i + "\",\"text\":\"Measured.\"}")),
                new Workload("GET /courses/{courseId}/reviews", "the large course's reviews, walked page by page", requests, 200,
                        i -> anonymous(reviewPages.nextPath()), fullPages(reviewPages, "items")),
                new Workload("DELETE /reviews/{courseId}", "the same learners deleting their review", reviewers.size(), 204,
                        i -> new RouteDriver.Call(learnerToken(reviewers.get(i)), "DELETE", "/reviews/" + big, "{\"version\":1}")));
    }

    private List<Workload> profiles() {
        Pager students = new Pager("/admin/users?role=student&limit=" + PAGE);
        int learners = catalog.sizes().learners();
        return List.of(
                new Workload("GET /me", "a learner's profile", requests, 200, i -> new RouteDriver.Call(learnerToken(i), "GET", "/me", null)),
                new Workload("PUT /me", "learners editing their profile", requests, 200,
                        i -> new RouteDriver.Call(learnerToken(learners - 1 - i), "PUT", "/me",
                                "{\"name\":\"Learner " + (learners - 1 - i) + "\",\"bio\":\"Measured at scale.\",\"version\":1}")),
                new Workload("GET /admin/users", "students, walked page by page as an admin", requests, 200,
                        i -> new RouteDriver.Call(adminToken, "GET", students.nextPath(), null), fullPages(students, "items")));
    }

    /** Every page but the last has {@link #PAGE} items; then the pager follows the cursor. */
    private static Workload.Check fullPages(Pager pager, String field) {
        return (i, answer, problems) -> {
            JsonNode items = answer.body().path(field);
            boolean last = answer.body().path("nextCursor").isNull() || answer.body().path("nextCursor").isMissingNode();
            if (!last && items.size() != PAGE) {
                problems.add("page " + pager.nextPageNumber() + " has " + items.size() + " items, not " + PAGE + " (and a next page)");
            }
            pager.follow(answer.body());
        };
    }

    private static void expectSize(JsonNode array, int expected, String what, List<String> problems) {
        if (array.size() != expected) {
            problems.add(what + ": " + array.size() + " items, expected " + expected);
        }
    }

    private static RouteDriver.Call anonymous(String path) {
        return new RouteDriver.Call(null, "GET", path, null);
    }

    private String learnerToken(int learner) {
        return tokens.computeIfAbsent(Catalog.learnerId(learner),
                id -> identity.token(new DevIdentity.User(id, "Learner " + learner, "student"), 120));
    }

    private String instructorToken() {
        String owner = Catalog.instructorId(catalog.ownerOf(Catalog.BIG));
        return tokens.computeIfAbsent(owner, id -> identity.token(new DevIdentity.User(id, "Instructor 0", "instructor"), 120));
    }
}
