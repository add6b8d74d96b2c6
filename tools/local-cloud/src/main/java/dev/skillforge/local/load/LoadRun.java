package dev.skillforge.local.load;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.skillforge.local.LocalCloud;
import dev.skillforge.local.aot.AotPackager;
import dev.skillforge.local.benchmark.BenchmarkReport;
import dev.skillforge.local.gateway.GatewayClient;
import dev.skillforge.local.identity.DevIdentity;

/**
 * A bounded load run on loopback against the local one-port suite ({@code ./load.sh}; a short form runs in
 * {@code LoadIT}): concurrent students enroll in one popular course, complete its lessons, pass its quiz, review and
 * edit their review, and read the course, its outline and rating, for a fixed time. Afterwards, once the stream has
 * been applied: no 5xx, and the course's enrollment, completion and review counts and rating sum equal what the
 * students' successful requests add up to. Latency percentiles per route go to docs/load.md.
 */
public final class LoadRun {

    /** What the run measured and whether the aggregates came out exact. */
    public record Result(int requests, int serverErrors, Map<String, int[]> statusCounts, Map<String, List<Long>> latencies,
            long enrolled, long completed, long reviewed, long ratingSum, JsonNode rating, boolean exact) {
    }

    private final LocalCloud cloud;
    private final GatewayClient gateway;
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, int[]> statusCounts = new ConcurrentHashMap<>();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    public LoadRun(LocalCloud cloud) {
        this.cloud = cloud;
        this.gateway = new GatewayClient(cloud.baseUri());
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".").toAbsolutePath().normalize();
        int students = 24;
        int seconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--students" -> students = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path state = root.resolve("tools/local-cloud/target/load");
        AotPackager.deleteTree(state);
        LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(root, state, 0, true, null, false, false), line -> { });
        try {
            Result result = new LoadRun(cloud).run(students, Duration.ofSeconds(seconds));
            write(root.resolve("docs/load.md"), result, students, seconds, cloud);
            System.out.printf("load      %d requests, %d 5xx, aggregates %s; wrote docs/load.md%n", result.requests(),
                    result.serverErrors(), result.exact() ? "exact" : "WRONG");
            if (result.serverErrors() > 0 || !result.exact()) {
                System.exit(1);
            }
        } finally {
            cloud.close();
        }
    }

    public Result run(int students, Duration duration) throws Exception {
        DevIdentity identity = cloud.identity();
        String instructor = identity.token(new DevIdentity.User("load-instructor", "Load Instructor", "instructor"), 60);
        String courseId = send(instructor, "POST", "/courses", "{\"title\":\"Popular course\",\"category\":\"load\"}", "POST /courses")
                .path("id").asText();
        List<String> lessons = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            lessons.add(send(instructor, "POST", "/courses/" + courseId + "/lessons", "{\"title\":\"Lesson " + i + "\",\"content\":\"Text\"}",
                    "POST /courses/{id}/lessons").path("id").asText());
        }
        JsonNode quiz = send(instructor, "POST", "/courses/" + courseId + "/lessons",
                "{\"title\":\"Quiz\",\"quiz\":{\"passMark\":50,\"questions\":[{\"prompt\":\"?\",\"options\":[\"a\",\"b\"],\"correctOption\":1}]}}",
                "POST /courses/{id}/lessons");
        String quizLesson = quiz.path("id").asText();
        String question = quiz.path("quiz").path("questions").path(0).path("id").asText();
        // the course as created, version 1: a change names the version it is based on
        send(instructor, "POST", "/courses/" + courseId + "/publish", "{\"version\":1}", "POST /courses/{id}/publish");

        Instant end = Instant.now().plus(duration);
        Map<String, Integer> ratings = new ConcurrentHashMap<>();
        AtomicInteger enrolled = new AtomicInteger();
        List<String> tokens = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> users = new ArrayList<>();
            for (int s = 0; s < students; s++) {
                String userId = "load-student-" + s;
                String token = identity.token(new DevIdentity.User(userId, "Student " + s, "student"), 60);
                tokens.add(token);
                Random random = new Random(s);
                users.add(pool.submit(() -> {
                    boolean isEnrolled = false;
                    boolean isDone = false;
                    long version = 0;
                    while (Instant.now().isBefore(end)) {
                        int roll = random.nextInt(100);
                        if (!isEnrolled) {
                            int status = status(token, "POST", "/enroll/" + courseId, null, "POST /enroll/{courseId}");
                            if (status == 201) {
                                enrolled.incrementAndGet();
                                isEnrolled = true;
                            }
                        } else if (roll < 30) {
                            String lesson = lessons.get(random.nextInt(lessons.size()));
                            status(token, "PUT", "/progress/" + courseId + "/" + lesson, null, "PUT /progress/{courseId}/{lessonId}");
                        } else if (roll < 40) {
                            status(token, "POST", "/progress/" + courseId + "/" + quizLesson + "/quiz",
                                    "{\"answers\":{\"" + question + "\":1}}", "POST /progress/{courseId}/{lessonId}/quiz");
                        } else if (roll < 50 && !isDone) {
                            for (String lesson : lessons) {
                                status(token, "PUT", "/progress/" + courseId + "/" + lesson, null, "PUT /progress/{courseId}/{lessonId}");
                            }
                            status(token, "POST", "/progress/" + courseId + "/" + quizLesson + "/quiz",
                                    "{\"answers\":{\"" + question + "\":1}}", "POST /progress/{courseId}/{lessonId}/quiz");
                            isDone = send(token, "GET", "/me/progress/" + courseId, null, "GET /me/progress/{courseId}")
                                    .hasNonNull("completedAt");
                        } else if (roll < 60) {
                            int rating = 1 + random.nextInt(5);
                            if (version == 0) {
                                JsonNode review = sendExpecting(token, "POST", "/reviews/" + courseId,
                                        "{\"rating\":" + rating + ",\"title\":\"Take " + userId + "\"}", "POST /reviews/{courseId}");
                                if (review != null) {
                                    version = review.path("version").asLong();
                                    ratings.put(userId, rating);
                                }
                            } else {
                                JsonNode review = sendExpecting(token, "PUT", "/reviews/" + courseId,
                                        "{\"rating\":" + rating + ",\"version\":" + version + "}", "PUT /reviews/{courseId}");
                                if (review != null) {
                                    version = review.path("version").asLong();
                                    ratings.put(userId, rating);
                                }
                            }
                        } else if (roll < 75) {
                            status(null, "GET", "/courses/" + courseId + "/rating", null, "GET /courses/{id}/rating");
                        } else if (roll < 90) {
                            status(token, "GET", "/courses/" + courseId + "/lessons", null, "GET /courses/{id}/lessons");
                        } else {
                            status(null, "GET", "/courses/" + courseId, null, "GET /courses/{id}");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> user : users) {
                user.get();
            }
        }

        // Who completed the course, whichever way they got there.
        int completed = 0;
        for (String token : tokens) {
            HttpResponse<String> progress = exchange(token, "GET", "/me/progress/" + courseId, null, "GET /me/progress/{courseId} (after)");
            if (progress.statusCode() == 200 && read(progress.body()).hasNonNull("completedAt")) {
                completed++;
            }
        }
        long expectedSum = ratings.values().stream().mapToLong(Integer::longValue).sum();
        JsonNode rating = null;
        boolean exact = false;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            rating = send(null, "GET", "/courses/" + courseId + "/rating", null, "GET /courses/{id}/rating (after)");
            exact = cloud.streamIdle() && rating.path("enrollmentCount").asLong() == enrolled.get()
                    && rating.path("completionCount").asLong() == completed
                    && rating.path("reviewCount").asLong() == ratings.size()
                    && Math.abs(rating.path("average").asDouble() * ratings.size() - expectedSum) < 0.01 * Math.max(1, ratings.size());
            if (exact) {
                break;
            }
            Thread.sleep(200);
        }
        return new Result(requests.get(), serverErrors.get(), new TreeMap<>(statusCounts), new TreeMap<>(latencies),
                enrolled.get(), completed, ratings.size(), expectedSum, rating, exact);
    }

    private int status(String token, String method, String path, String body, String route) {
        return exchange(token, method, path, body, route).statusCode();
    }

    private JsonNode send(String token, String method, String path, String body, String route) {
        HttpResponse<String> response = exchange(token, method, path, body, route);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(route + " answered " + response.statusCode() + " " + response.body());
        }
        return read(response.body());
    }

    /** The body of a 2xx, or null for a refusal the scenario allows (a concurrent edit, a 409). */
    private JsonNode sendExpecting(String token, String method, String path, String body, String route) {
        HttpResponse<String> response = exchange(token, method, path, body, route);
        return response.statusCode() < 300 ? read(response.body()) : null;
    }

    private JsonNode read(String body) {
        return gateway.read(body);
    }

    private HttpResponse<String> exchange(String token, String method, String path, String body, String route) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = gateway.send(token, method, path, body);
            latencies.computeIfAbsent(route, r -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - started);
            statusCounts.computeIfAbsent(route + " " + response.statusCode(), r -> new int[1]);
            synchronized (statusCounts) {
                statusCounts.get(route + " " + response.statusCode())[0]++;
            }
            requests.incrementAndGet();
            if (response.statusCode() >= 500) {
                serverErrors.incrementAndGet();
            }
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(route + " failed: " + e.getMessage(), e);
        }
    }

    public static void write(Path file, Result result, int students, int seconds, LocalCloud cloud) throws Exception {
        StringBuilder md = new StringBuilder("# Load run\n\n");
        md.append("Written by `./load.sh` (class `LoadRun`); do not edit by hand. ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(", ").append(students).append(" concurrent students for ").append(seconds)
                .append(" s on loopback against the local one-port suite (one instance per function, so requests to a function ")
                .append("queue as they would in one Lambda execution environment; on AWS each would scale out).\n\n");
        md.append(String.format("Requests: %d. 5xx: %d. After the stream was applied: enrollments %d, completions %d, reviews %d, "
                + "rating sum %d; the course's aggregate: %s -> **%s**.%n%n", result.requests(), result.serverErrors(), result.enrolled(),
                result.completed(), result.reviewed(), result.ratingSum(), result.rating(), result.exact() ? "exact" : "NOT exact"));
        md.append("| route | requests | p50 ms | p90 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        result.latencies().forEach((route, nanos) -> {
            List<Long> copy;
            synchronized (nanos) {
                copy = new ArrayList<>(nanos);
            }
            md.append(String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", route, copy.size(),
                    BenchmarkReport.percentile(copy, 50) / 1e6, BenchmarkReport.percentile(copy, 90) / 1e6,
                    BenchmarkReport.percentile(copy, 99) / 1e6, BenchmarkReport.percentile(copy, 100) / 1e6));
        });
        md.append("\n| route and status | count |\n| --- | ---: |\n");
        result.statusCounts().forEach((key, count) -> md.append("| ").append(key).append(" | ").append(count[0]).append(" |\n"));
        Files.writeString(file, md, StandardCharsets.UTF_8);
    }
}
