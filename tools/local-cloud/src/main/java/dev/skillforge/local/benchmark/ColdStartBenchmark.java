package dev.skillforge.local.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.web.routes.Route;
import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.testing.StreamRecords;
import dev.skillforge.data.testing.TestTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.skillforge.local.LocalCloud;
import dev.skillforge.local.aot.AotPackager;
import dev.skillforge.local.gateway.HttpEvents;
import dev.skillforge.local.lambda.FunctionInstance;
import dev.skillforge.local.lambda.FunctionPackage;
import dev.skillforge.local.lambda.LambdaRuntimeApi;

/**
 * The cold start and speed benchmark ({@code ./benchmark.sh}; not part of the tests). For every function and mode
 * (plain JVM, JVM with the trained AOT cache, native when built), several runs of: start the function as Lambda
 * does (its own runtime API on loopback), init time (process start to the first poll), the first invoke of a real
 * request that reads DynamoDB, warm latency over hundreds of invokes, resident memory after 500 invokes. Also the
 * DynamoDB read itself, package sizes, the SDK HTTP client candidates and the stream-processor's throughput with its
 * aggregates checked. Results go to docs/performance.md, docs/benchmarks/results.json and a chart.
 */
public final class ColdStartBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Invocations before resident memory is read. */
    public static final int RSS_AFTER = 500;
    /**
     * The first run of each function and mode goes on to this many invocations; the last {@link #STEADY_WINDOW} of
     * them give the steady-state latency, once the C1 compiler has reached the request path (the functions run C1
     * only and compile a method after a few hundred calls, so the first few hundred warm invokes still interpret).
     */
    public static final int STEADY_AFTER = 3_000;
    public static final int STEADY_WINDOW = 1_000;

    private final ObjectMapper json = new ObjectMapper();
    private final Path root;
    private final int runs;
    private final int warm;
    private final boolean coldStarts;
    /** Functions and modes to measure; a run limited by either is an experiment and writes nothing. */
    private final List<String> only;
    private final List<FunctionPackage.Mode> modes;
    private final BenchmarkReport report;

    private ColdStartBenchmark(Path root, int runs, int warm, boolean coldStarts, List<String> only, List<FunctionPackage.Mode> modes) {
        this.root = root;
        this.runs = runs;
        this.warm = warm;
        this.coldStarts = coldStarts;
        this.only = only;
        this.modes = modes;
        this.report = new BenchmarkReport(root, runs, warm);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".").toAbsolutePath().normalize();
        int runs = 5;
        int warm = 300;
        boolean coldStarts = true;
        List<String> only = new ArrayList<>();
        List<FunctionPackage.Mode> modes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warm" -> warm = Integer.parseInt(args[++i]);
                case "--stream-only" -> coldStarts = false;
                case "--only" -> only.add(args[++i]);
                case "--modes" -> modes.addAll(java.util.Arrays.stream(args[++i].split(",")).map(FunctionPackage.Mode::parse).toList());
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new ColdStartBenchmark(root, runs, warm, coldStarts, only, modes).run();
    }

    private void run() throws Exception {
        Path state = root.resolve("tools/local-cloud/target/benchmark");
        AotPackager.deleteTree(state);
        System.out.println("seeding demo data through the local cloud ...");
        // Seeded by whatever packages the builds left (a native build replaces the JVM function.zip).
        LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(root, state, 0, true, null, true, false), line -> { });
        try {
            Map<String, String> tokens = cloud.tokens();
            String courseId = findCourse(cloud.baseUri(), "lambda");
            long deadline = System.currentTimeMillis() + 10_000;
            while (!cloud.streamIdle() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            List<ObjectNode> recorded = cloud.recentStreamRecords();
            cloud.stopFunctions();

            Map<String, String> events = new LinkedHashMap<>();
            events.put(RouteTable.COURSES, httpEvent(cloud, "GET /courses/{courseId}", "/courses/" + courseId, Map.of("id", courseId), null));
            events.put(RouteTable.ENROLLMENTS, httpEvent(cloud, "GET /me", "/me", Map.of(), tokens.get("STUDENT_TOKEN")));
            events.put(RouteTable.PROGRESS, httpEvent(cloud, "GET /me/progress/{courseId}", "/me/progress/" + courseId,
                    Map.of("courseId", courseId), tokens.get("STUDENT_TOKEN")));
            events.put(RouteTable.REVIEWS, httpEvent(cloud, "GET /courses/{courseId}/rating", "/courses/" + courseId + "/rating",
                    Map.of("id", courseId), null));
            // Already-applied records: the processor reads its markers and aggregates and changes nothing.
            events.put(FunctionPackage.STREAM_PROCESSOR, StreamRecords.event(recorded.subList(0, Math.min(20, recorded.size()))).toString());
            report.requests(Map.of(RouteTable.COURSES, "GET /courses/{courseId}", RouteTable.ENROLLMENTS, "GET /me",
                    RouteTable.PROGRESS, "GET /me/progress/{courseId}", RouteTable.REVIEWS, "GET /courses/{courseId}/rating",
                    FunctionPackage.STREAM_PROCESSOR, "a batch of 20 already-applied stream records",
                    FunctionPackage.NODE_YARDSTICK, "GET /courses (the seed's listCourses: one Query of published courses)"));

            List<Long> baseline = dynamoBaseline(cloud.dynaliteEndpoint(), courseId, false);
            List<Long> queryBaseline = dynamoBaseline(cloud.dynaliteEndpoint(), courseId, true);
            report.dynamoBaseline(baseline, queryBaseline);
            report.nodeVersion(nodeVersion());
            System.out.printf("dynamodb  GetItem from this JVM's warm client: p50 %6.2f ms, p99 %6.2f ms; the yardstick's Query: p50 %6.2f ms%n",
                    BenchmarkReport.percentile(baseline, 50) / 1e6, BenchmarkReport.percentile(baseline, 99) / 1e6,
                    BenchmarkReport.percentile(queryBaseline, 50) / 1e6);
            List<FunctionPackage> functions = FunctionPackage.all(root).stream()
                    .filter(function -> only.isEmpty() || only.contains(function.name())).toList();
            if (!coldStarts) {
                streamThroughput(cloud, recorded);
                return;
            }
            List<FunctionPackage.Mode> measured = new ArrayList<>();
            for (FunctionPackage.Mode mode : modes.isEmpty()
                    ? List.of(FunctionPackage.Mode.NATIVE, FunctionPackage.Mode.JVM, FunctionPackage.Mode.AOT) : modes) {
                // Each mode from its deployment package: a native build leaves no JVM function.zip, so jvm is then unavailable.
                if (functions.stream().allMatch(function -> function.supports(mode))) {
                    measured.add(mode);
                } else {
                    report.unavailable(mode);
                }
            }
            // Runs interleave the yardstick and every mode, so a slower minute of this shared machine weighs on all alike.
            FunctionPackage yardstick = FunctionPackage.nodeYardstick(root);
            String yardstickEvent = httpEvent(cloud, "GET /courses", "/courses", Map.of(), null);
            // What the builds are, read before the runs: a missing tool fails here, not after half an hour of measuring.
            report.packageSizes(functions);
            for (int run = 1; run <= runs; run++) {
                // The yardstick and each mode take turns at the front of the round.
                List<FunctionPackage.Mode> order = new ArrayList<>(measured);
                order.add(0, FunctionPackage.Mode.NODE);
                java.util.Collections.rotate(order, -(run - 1));
                for (FunctionPackage.Mode mode : order) {
                    if (mode == FunctionPackage.Mode.NODE) {
                        measure(cloud, yardstick, mode, yardstickEvent, run);
                        continue;
                    }
                    for (FunctionPackage function : functions) {
                        measure(cloud, function, mode, events.get(function.name()), run);
                    }
                }
            }
            if (!only.isEmpty() || !modes.isEmpty()) {
                System.out.println("limited run (--only/--modes): nothing written");
                return;
            }
            report.httpClients(HttpClientProbe.compare(root, cloud.dynaliteEndpoint(), 5));
            report.streamThroughput(streamThroughput(cloud, recorded));
            report.write();
        } finally {
            cloud.close();
        }
    }

    private void measure(LocalCloud cloud, FunctionPackage function, FunctionPackage.Mode mode, String event, int run) throws Exception {
        Path logs = root.resolve("tools/local-cloud/target/benchmark/logs-" + mode.label());
        // Straight to dynalite: the measured routes only read, so they need no stream records, and the local cloud's
        // recording proxy would add its own hops to every call.
        FunctionInstance instance = mode == FunctionPackage.Mode.NODE
                ? cloud.startYardstick(function, yardstickConfiguration(cloud), logs)
                : cloud.startFunction(function, mode, true, logs);
        try {
            long init = instance.awaitInit(TIMEOUT);
            LambdaRuntimeApi.Result first = instance.invoke(event, TIMEOUT);
            check(function, first);
            List<Long> warmNanos = new ArrayList<>();
            List<Long> steadyNanos = new ArrayList<>();
            long rss = 0;
            int invocations = run == 1 ? STEADY_AFTER : RSS_AFTER;
            for (int i = 1; i < invocations; i++) {
                LambdaRuntimeApi.Result result = instance.invoke(event, TIMEOUT);
                if (i <= warm || i % 100 == 0) {
                    check(function, result);
                }
                if (i <= warm) {
                    warmNanos.add(result.functionNanos());
                }
                if (i == RSS_AFTER - 1) {
                    rss = residentKilobytes(instance.pid());
                }
                if (i >= STEADY_AFTER - STEADY_WINDOW) {
                    steadyNanos.add(result.functionNanos());
                }
            }
            report.sample(new BenchmarkReport.Sample(function.name(), mode.label(), run, init, first.functionNanos() / 1_000_000,
                    warmNanos, steadyNanos, rss));
            System.out.printf("%-6s run %d  %-20s init %5d ms  first %5d ms  warm p50 %6.2f ms%s  rss %4d MB%n", mode.label(), run,
                    function.name(), init, first.functionNanos() / 1_000_000, BenchmarkReport.percentile(warmNanos, 50) / 1e6,
                    steadyNanos.isEmpty() ? "" : String.format("  steady p50 %6.2f ms", BenchmarkReport.percentile(steadyNanos, 50) / 1e6),
                    rss / 1024);
        } finally {
            instance.close();
        }
    }

    /** The Node.js handler's environment as Lambda's nodejs20.x runtime would give it, against the same dynalite. */
    private static Map<String, String> yardstickConfiguration(LocalCloud cloud) {
        return Map.of("TABLE_NAME", LocalCloud.TABLE, "AWS_ENDPOINT_URL_DYNAMODB", cloud.dynaliteEndpoint().toString(),
                "AWS_EXECUTION_ENV", "AWS_Lambda_nodejs20.x", "_HANDLER", "handler.handler", "NODE_OPTIONS", "");
    }

    private void check(FunctionPackage function, LambdaRuntimeApi.Result result) throws IOException {
        if (result.error()) {
            throw new IllegalStateException(function.name() + " failed: " + result.text());
        }
        JsonNode payload = json.readTree(result.payload());
        int status = payload.path("statusCode").asInt(200);
        if (status != 200 || payload.path("batchItemFailures").size() > 0) {
            throw new IllegalStateException(function.name() + " answered " + result.text());
        }
        // The yardstick must do its Query's work: an empty page would make it a cheaper request than it is.
        if (function.name().equals(FunctionPackage.NODE_YARDSTICK) && json.readTree(payload.path("body").asText()).path("items").isEmpty()) {
            throw new IllegalStateException("the yardstick found no published courses: " + result.text());
        }
    }

    static String httpEvent(LocalCloud cloud, String routeKey, String path, Map<String, String> parameters, String token) {
        return httpEvent(cloud, routeKey, path, parameters, token, null);
    }

    /** The gateway's event for a request on {@code routeKey} (its method), with a JSON body when {@code body} is not null. */
    static String httpEvent(LocalCloud cloud, String routeKey, String path, Map<String, String> parameters, String token, String body) {
        Route route = RouteTable.ALL.stream().filter(candidate -> candidate.routeKey().equals(routeKey)).findFirst().orElseThrow();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/json"));
        headers.put("User-Agent", List.of("skillforge-benchmark"));
        if (body != null) {
            headers.put("Content-Type", List.of("application/json"));
        }
        Map<String, Object> claims = null;
        if (token != null) {
            headers.put("Authorization", List.of("Bearer " + token));
            claims = cloud.identity().verify(token);
        }
        return HttpEvents.v2(new HttpEvents.Call(route.method(), path, null, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1"), route, parameters,
                claims, UUID.randomUUID().toString()).toString();
    }

    private String findCourse(URI base, String query) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/courses/search?q=" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body()).path("items").path(0).path("id").asText();
        }
    }

    /**
     * The DynamoDB read the single-item route makes, timed alone from this JVM: the engine's time plus loopback,
     * with as little client time as a JVM can give (the calls before the timed ones get the SDK compiled by C2).
     */
    private List<Long> dynamoBaseline(URI endpoint, String courseId, boolean yardstickQuery) {
        int untimed = 3_000;
        List<Long> nanos = new ArrayList<>();
        try (DynamoDbClient client = TestTable.clientFor(endpoint)) {
            Map<String, AttributeValue> key = CourseKeys.primary(courseId).toAttributes();
            for (int i = 0; i < untimed + warm; i++) {
                long started = System.nanoTime();
                if (yardstickQuery) {
                    // The Node.js yardstick's request: 10 published courses, newest first, from GSI1.
                    client.query(q -> q.tableName(LocalCloud.TABLE).indexName("GSI1").keyConditionExpression("GSI1PK = :published")
                            .expressionAttributeValues(Map.of(":published", AttributeValue.fromS("courses#published")))
                            .scanIndexForward(false).limit(10));
                } else {
                    client.getItem(b -> b.tableName(LocalCloud.TABLE).key(key).consistentRead(true));
                }
                if (i >= untimed) {
                    nanos.add(System.nanoTime() - started);
                }
            }
        }
        return nanos;
    }

    /** A kind of stream load: inserts of one entity, and the aggregate counter that must end up counting them. */
    private record StreamLoad(String entity, String counter) {
    }

    private static final List<StreamLoad> STREAM_LOADS = List.of(new StreamLoad("enrollment", CourseStatsCodec.ENROLLMENT_COUNT),
            new StreamLoad("review", CourseStatsCodec.REVIEW_COUNT));

    /**
     * Enrollment inserts, then review inserts (counters plus each course's average and ranking), for many courses,
     * delivered to a fresh stream-processor (writing to dynalite directly, as on AWS there is no proxy) in batches of
     * 100 and of 1,000; afterwards every course's counter must equal the number of inserts sent for it.
     */
    private List<BenchmarkReport.Throughput> streamThroughput(LocalCloud cloud, List<ObjectNode> recorded) throws Exception {
        FunctionPackage processor = FunctionPackage.all(root).stream()
                .filter(function -> function.name().equals(FunctionPackage.STREAM_PROCESSOR)).findFirst().orElseThrow();
        List<BenchmarkReport.Throughput> results = new ArrayList<>();
        FunctionInstance instance = cloud.startFunction(processor, processor.bestMode(), true,
                root.resolve("tools/local-cloud/target/benchmark/logs-throughput"));
        try (DynamoDbClient client = TestTable.clientFor(cloud.dynaliteEndpoint())) {
            instance.awaitInit(TIMEOUT);
            for (StreamLoad load : STREAM_LOADS) {
                ObjectNode template = recorded.stream()
                        .filter(record -> record.path("eventName").asText().equals("INSERT"))
                        .filter(record -> record.path("dynamodb").path("NewImage").path("entity").path("S").asText().equals(load.entity()))
                        .findFirst().orElseThrow(() -> new IllegalStateException("no " + load.entity() + " insert recorded"));
                for (int batchSize : List.of(100, 1_000)) {
                    BenchmarkReport.Throughput result = throughput(instance, processor, client, load, template, batchSize);
                    results.add(result);
                    System.out.printf("stream    %-10s batches of %5d: %6d records over %d courses in %6d ms = %7.0f records/s, aggregates %s%n",
                            load.entity(), batchSize, result.records(), result.courses(), result.millis(), result.recordsPerSecond(),
                            result.exact() ? "exact" : "WRONG");
                }
            }
        } finally {
            instance.close();
        }
        return results;
    }

    /** Sequence numbers of the generated stream records: increasing across every batch of the run. */
    private java.math.BigInteger sequence = new java.math.BigInteger("900000000000000000000");

    /**
     * Batches of copies of {@code template} (a recorded insert) for new users over 100 new courses, timed invoke by
     * invoke; then each course's counter is checked against the inserts sent for it.
     */
    private BenchmarkReport.Throughput throughput(FunctionInstance instance, FunctionPackage processor, DynamoDbClient client,
            StreamLoad load, ObjectNode template, int batchSize) throws Exception {
        String templateCourse = template.path("dynamodb").path("NewImage").path("courseId").path("S").asText();
        String templateUser = template.path("dynamodb").path("NewImage").path("userId").path("S").asText();
        String templateText = template.toString();
        int courses = 100;
        int batches = batchSize == 100 ? 30 : 10;
        String prefix = "bench-" + load.entity() + batchSize + "-";
        Map<String, Long> expected = new LinkedHashMap<>();
        long nanos = 0;
        for (int b = 0; b < batches; b++) {
            List<ObjectNode> batch = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                String course = prefix + "course-" + ((b * batchSize + i) % courses);
                String user = prefix + "user-" + b + "-" + i;
                ObjectNode record = (ObjectNode) json.readTree(templateText.replace(templateCourse, course).replace(templateUser, user));
                sequence = sequence.add(java.math.BigInteger.ONE);
                record.put("eventID", UUID.randomUUID().toString().replace("-", ""));
                ((ObjectNode) record.path("dynamodb")).put("SequenceNumber", sequence.toString());
                batch.add(record);
                expected.merge(course, 1L, Long::sum);
            }
            String event = StreamRecords.event(batch).toString();
            long started = System.nanoTime();
            LambdaRuntimeApi.Result result = instance.invoke(event, Duration.ofMinutes(5));
            nanos += System.nanoTime() - started;
            check(processor, result);
        }
        boolean exact = true;
        for (Map.Entry<String, Long> course : expected.entrySet()) {
            Map<String, AttributeValue> item = client.getItem(g -> g.tableName(LocalCloud.TABLE)
                    .key(CourseStatsKeys.primary(course.getKey()).toAttributes()).consistentRead(true)).item();
            AttributeValue count = item == null ? null : item.get(load.counter());
            exact &= count != null && Long.parseLong(count.n()) == course.getValue()
                    && (!load.counter().equals(CourseStatsCodec.REVIEW_COUNT) || item.containsKey(CourseStatsCodec.AVERAGE));
        }
        int sent = batches * batchSize;
        return new BenchmarkReport.Throughput(load.entity(), batchSize, sent, courses, nanos / 1_000_000, sent / (nanos / 1e9), exact,
                processor.bestMode().label());
    }

    private static String nodeVersion() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return version;
    }

    /** VmRSS of a process in kilobytes (Linux). */
    public static long residentKilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
