package dev.skillforge.local.benchmark;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.local.LocalCloud;
import dev.skillforge.local.SampleMedia;
import dev.skillforge.local.aot.AotPackager;
import dev.skillforge.local.gateway.GatewayClient;
import dev.skillforge.local.lambda.FunctionInstance;
import dev.skillforge.local.lambda.FunctionPackage;
import dev.skillforge.local.lambda.LambdaRuntimeApi;
import dev.skillforge.web.routes.RouteTable;

/**
 * What course media costs on the request path, measured on courses-service as it ships (its extracted package, in each
 * JVM mode that is built), every cost against a yardstick request of the same function in the same run:
 * <ul>
 * <li>an enrolled learner's read of a lesson with a file, whose answer carries the file's CloudFront signed URL (one
 * RSA-SHA1 signature of a canned policy; the first one also parses the key and loads the signature classes), against
 * the read of a lesson without a file: as the first request after init (each run starts the function twice, one start
 * reading each lesson first) and warm (p50, p90);</li>
 * <li>the author's PUT of a lesson that attaches a new file key (the grant's strongly consistent GetItem and a ranged GET
 * of the file's first bytes from the local S3 before the write, the grant marked attached after it) against the same PUT
 * keeping the key.</li>
 * </ul>
 * After its first request each start serves rounds of the four requests, in an order that moves by one each round; a
 * round begins with an untimed upload grant from the same function and the file's upload to the local S3, which the
 * round's attach then checks. Writes docs/benchmarks/media.json, .md and .png.
 *
 * <pre>./benchmark.sh --media [--runs 5] [--warm 300]</pre>
 */
public final class MediaBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LESSON_ROUTE = "/courses/{courseId}/lessons/{lessonId}";
    /** The lesson file each attach uploads: an MP4 that passes the attach check's first-bytes test. */
    private static final byte[] FILE = SampleMedia.mp4(4_000);
    /** The three lessons' text, the same for each, so the reads differ only by the file. */
    private static final String CONTENT = "# Reading\n\n" + "A paragraph of lesson text, as long as a short lesson's. ".repeat(30);

    /** The warm requests of a round. */
    enum Request {
        FILE_READ, PLAIN_READ, KEEP_PUT, ATTACH_PUT
    }

    /** What is compared: the request with media and its yardstick, in the report's words. */
    enum Comparison {
        COLD("cold: first request after init", "cold read"),
        WARM_P50("warm: lesson read p50", "warm read p50"),
        WARM_P90("warm: lesson read p90", "warm read p90"),
        ATTACH_P50("attach: lesson PUT p50", "attach p50");

        final String label;
        final String chartLabel;

        Comparison(String label, String chartLabel) {
            this.label = label;
            this.chartLabel = chartLabel;
        }
    }

    /** One cold start: which lesson its first request read, and the percentiles of its warm rounds (ms). */
    record Run(String mode, int run, boolean coldWithFile, long initMs, double firstMs, double fileP50Ms, double fileP90Ms,
            double plainP50Ms, double plainP90Ms, double attachP50Ms, double keepP50Ms, double firstAttachMs) {
    }

    /** One comparison in one mode: medians of the media request and of its yardstick, and of their pairs' ratios and differences. */
    record Row(String mode, Comparison comparison, double mediaMs, double yardstickMs, double addedMs, double ratio, double ratioMin,
            double ratioMax, int pairs) {
    }

    /** The course made for the benchmark; the edited lesson's key and version move with every PUT. */
    private static final class Course {
        String id;
        String fileLesson;
        String plainLesson;
        String editedLesson;
        String editedKey;
        long editedVersion;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        Path state = options.root().resolve("tools/local-cloud/target/benchmark-media");
        AotPackager.deleteTree(state);
        LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(options.root(), state, 0, true, null, true, false), line -> { });
        List<Run> results = new ArrayList<>();
        List<String> modeLabels = new ArrayList<>();
        try {
            Course course = setUp(cloud);
            cloud.stopFunctions();
            FunctionPackage courses = FunctionPackage.all(options.root()).stream().filter(f -> f.name().equals(RouteTable.COURSES))
                    .findFirst().orElseThrow();
            List<FunctionPackage.Mode> modes = List.of(FunctionPackage.Mode.JVM, FunctionPackage.Mode.AOT).stream()
                    .filter(courses::supports).toList();
            modes.forEach(mode -> modeLabels.add(mode.label()));
            for (int run = 1; run <= options.runs(); run++) {
                for (FunctionPackage.Mode mode : modes) {
                    // Which lesson a run's first start reads first alternates, so a drift of the machine weighs on both.
                    for (boolean coldWithFile : run % 2 == 1 ? List.of(true, false) : List.of(false, true)) {
                        Run measured = measure(cloud, courses, mode, run, coldWithFile, options.warm(), course, state);
                        results.add(measured);
                        System.out.printf("%-7s run %d  cold read %-12s init %5d ms first %6.1f ms  warm p50 %5.2f / %5.2f ms  "
                                + "PUT p50 attach %5.2f / keep %5.2f ms (first attach %6.1f ms)%n", mode.label(), run,
                                coldWithFile ? "with file" : "without file", measured.initMs(), measured.firstMs(), measured.fileP50Ms(),
                                measured.plainP50Ms(), measured.attachP50Ms(), measured.keepP50Ms(), measured.firstAttachMs());
                    }
                }
            }
        } finally {
            cloud.close();
        }
        write(options, modeLabels, results);
    }

    /**
     * Through the gateway, as a client makes it: a published course with three lessons of the same text, two of them with
     * a file (uploaded with a grant, then attached), and the student enrolled.
     */
    private static Course setUp(LocalCloud cloud) throws IOException, InterruptedException {
        GatewayClient gateway = new GatewayClient(cloud.baseUri());
        String instructor = cloud.tokens().get("INSTRUCTOR_TOKEN");
        Course course = new Course();
        course.id = ok(gateway, instructor, "POST", "/courses",
                "{\"title\":\"Media on the request path\",\"category\":\"media\",\"description\":\"The media benchmark's course.\"}")
                .path("id").asText();
        String lessons = "/courses/" + course.id + "/lessons";
        course.fileLesson = ok(gateway, instructor, "POST", lessons, lesson("Lesson A", null, 0)).path("id").asText();
        course.plainLesson = ok(gateway, instructor, "POST", lessons, lesson("Lesson B", null, 0)).path("id").asText();
        course.editedLesson = ok(gateway, instructor, "POST", lessons, lesson("Lesson C", null, 0)).path("id").asText();
        for (Map.Entry<String, String> titled : Map.of(course.fileLesson, "Lesson A", course.editedLesson, "Lesson C").entrySet()) {
            String key = SampleMedia.uploadGranted(ok(gateway, instructor, "POST", "/courses/" + course.id + "/assets",
                    grant(titled.getKey())), FILE);
            long version = ok(gateway, instructor, "PUT", lessons + "/" + titled.getKey(), lesson(titled.getValue(), key, 1))
                    .path("version").asLong();
            if (titled.getKey().equals(course.editedLesson)) {
                course.editedKey = key;
                course.editedVersion = version;
            }
        }
        ok(gateway, instructor, "POST", "/courses/" + course.id + "/publish", "{\"version\":1}");
        ok(gateway, cloud.tokens().get("STUDENT_TOKEN"), "POST", "/enroll/" + course.id, null);
        return course;
    }

    private static JsonNode ok(GatewayClient gateway, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = gateway.send(token, method, path, body);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("setting up: " + method + " " + path + " answered " + response.statusCode() + " " + response.body());
        }
        return gateway.read(response.body());
    }

    /** A lesson's fields (a PUT replaces them all): the same text for each lesson, the file's key, the version edited. */
    private static String lesson(String title, String videoKey, long version) {
        ObjectNode body = JSON.createObjectNode().put("title", title).put("summary", "What " + title + " covers.").put("content", CONTENT)
                .put("durationMinutes", 12);
        if (videoKey != null) {
            body.put("videoKey", videoKey);
        }
        if (version > 0) {
            body.put("version", version);
        }
        return body.toString();
    }

    private static String grant(String lessonId) {
        return JSON.createObjectNode().put("kind", "lesson-file").put("lessonId", lessonId).put("contentType", "video/mp4")
                .put("contentLength", FILE.length).toString();
    }

    /** One start of courses-service: init, the first request (a lesson read, with or without a file), then {@code warm} rounds. */
    private static Run measure(LocalCloud cloud, FunctionPackage function, FunctionPackage.Mode mode, int run, boolean coldWithFile,
            int warm, Course course, Path state) throws Exception {
        String student = cloud.tokens().get("STUDENT_TOKEN");
        String instructor = cloud.tokens().get("INSTRUCTOR_TOKEN");
        String fileRead = ColdStartBenchmark.httpEvent(cloud, "GET " + LESSON_ROUTE, lessonPath(course, course.fileLesson),
                Map.of("id", course.id, "lessonId", course.fileLesson), student);
        String plainRead = ColdStartBenchmark.httpEvent(cloud, "GET " + LESSON_ROUTE, lessonPath(course, course.plainLesson),
                Map.of("id", course.id, "lessonId", course.plainLesson), student);
        String grantEvent = ColdStartBenchmark.httpEvent(cloud, "POST /courses/{courseId}/assets", "/courses/" + course.id + "/assets",
                Map.of("id", course.id), instructor, grant(course.editedLesson));
        FunctionInstance instance = cloud.startFunction(function, mode, true,
                state.resolve("logs-" + mode.label() + "-" + run + (coldWithFile ? "-file" : "-plain")));
        Map<Request, List<Long>> nanos = new EnumMap<>(Request.class);
        long init;
        LambdaRuntimeApi.Result first;
        double firstAttach = Double.NaN;
        try {
            init = instance.awaitInit(TIMEOUT);
            first = instance.invoke(coldWithFile ? fileRead : plainRead, TIMEOUT);
            answer(first, coldWithFile ? Request.FILE_READ : Request.PLAIN_READ, null);
            for (int round = 0; round < warm; round++) {
                String newKey = SampleMedia.uploadGranted(answer(instance.invoke(grantEvent, TIMEOUT), null, null), FILE);
                for (int i = 0; i < Request.values().length; i++) {
                    Request request = Request.values()[(round + i) % Request.values().length];
                    String key = request == Request.ATTACH_PUT ? newKey : course.editedKey;
                    String event = switch (request) {
                        case FILE_READ -> fileRead;
                        case PLAIN_READ -> plainRead;
                        case KEEP_PUT, ATTACH_PUT -> ColdStartBenchmark.httpEvent(cloud, "PUT " + LESSON_ROUTE,
                                lessonPath(course, course.editedLesson), Map.of("id", course.id, "lessonId", course.editedLesson), instructor,
                                lesson("Lesson C", key, course.editedVersion));
                    };
                    LambdaRuntimeApi.Result result = instance.invoke(event, TIMEOUT);
                    JsonNode answered = answer(result, request, key);
                    if (request == Request.KEEP_PUT || request == Request.ATTACH_PUT) {
                        course.editedVersion = answered.path("version").asLong();
                        course.editedKey = key;
                    }
                    if (request == Request.ATTACH_PUT && Double.isNaN(firstAttach)) {
                        firstAttach = result.functionNanos() / 1e6;
                    }
                    nanos.computeIfAbsent(request, r -> new ArrayList<>()).add(result.functionNanos());
                }
            }
        } finally {
            instance.close();
        }
        return new Run(mode.label(), run, coldWithFile, init, first.functionNanos() / 1e6, millis(nanos, Request.FILE_READ, 50),
                millis(nanos, Request.FILE_READ, 90), millis(nanos, Request.PLAIN_READ, 50), millis(nanos, Request.PLAIN_READ, 90),
                millis(nanos, Request.ATTACH_PUT, 50), millis(nanos, Request.KEEP_PUT, 50), firstAttach);
    }

    private static String lessonPath(Course course, String lessonId) {
        return "/courses/" + course.id + "/lessons/" + lessonId;
    }

    private static double millis(Map<Request, List<Long>> nanos, Request request, double percentile) {
        return BenchmarkReport.percentile(nanos.getOrDefault(request, List.of()), percentile) / 1e6;
    }

    /**
     * The answer's body, which must be a 200 of what was asked: a read with the file's signed URL or without any, a PUT
     * holding {@code key}; a grant ({@code request} null) with its URL.
     */
    private static JsonNode answer(LambdaRuntimeApi.Result result, Request request, String key) throws IOException {
        JsonNode payload = result.error() ? null : JSON.readTree(result.payload());
        JsonNode body = payload == null ? null : JSON.readTree(payload.path("body").asText("{}"));
        boolean expected = payload != null && payload.path("statusCode").asInt() == 200 && (request == null
                ? body.hasNonNull("url")
                : switch (request) {
                    case FILE_READ -> body.hasNonNull("videoUrl");
                    case PLAIN_READ -> !body.has("videoUrl") && body.hasNonNull("content");
                    case KEEP_PUT, ATTACH_PUT -> body.path("videoKey").asText().equals(key);
                });
        if (!expected) {
            throw new IllegalStateException((request == null ? "the upload grant" : request) + " answered " + result.text());
        }
        return body;
    }

    /**
     * Each comparison per mode. Cold: a run's start that read the lesson with a file first against the same run's start
     * that read the one without; warm and attach: each start's own percentiles against each other. Medians over the pairs.
     */
    static List<Row> summarize(List<Run> results) {
        Map<String, List<Run>> byMode = new LinkedHashMap<>();
        results.forEach(run -> byMode.computeIfAbsent(run.mode(), m -> new ArrayList<>()).add(run));
        List<Row> rows = new ArrayList<>();
        byMode.forEach((mode, runs) -> {
            Map<Integer, Run> plainFirst = new LinkedHashMap<>();
            runs.stream().filter(run -> !run.coldWithFile()).forEach(run -> plainFirst.put(run.run(), run));
            List<double[]> cold = runs.stream().filter(run -> run.coldWithFile() && plainFirst.containsKey(run.run()))
                    .map(run -> new double[] { run.firstMs(), plainFirst.get(run.run()).firstMs() }).toList();
            rows.add(row(mode, Comparison.COLD, cold));
            rows.add(row(mode, Comparison.WARM_P50, pairs(runs, Run::fileP50Ms, Run::plainP50Ms)));
            rows.add(row(mode, Comparison.WARM_P90, pairs(runs, Run::fileP90Ms, Run::plainP90Ms)));
            rows.add(row(mode, Comparison.ATTACH_P50, pairs(runs, Run::attachP50Ms, Run::keepP50Ms)));
        });
        return rows;
    }

    private static List<double[]> pairs(List<Run> runs, ToDoubleFunction<Run> media, ToDoubleFunction<Run> yardstick) {
        return runs.stream().map(run -> new double[] { media.applyAsDouble(run), yardstick.applyAsDouble(run) }).toList();
    }

    private static Row row(String mode, Comparison comparison, List<double[]> pairs) {
        List<Double> ratios = pairs.stream().map(pair -> pair[0] / pair[1]).toList();
        return new Row(mode, comparison, BenchmarkReport.median(pairs.stream().map(pair -> pair[0]).toList()),
                BenchmarkReport.median(pairs.stream().map(pair -> pair[1]).toList()),
                BenchmarkReport.median(pairs.stream().map(pair -> pair[0] - pair[1]).toList()), BenchmarkReport.median(ratios),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), pairs.size());
    }

    /** The report: how it was measured, the table of comparisons, the starts' init and first attach. */
    static String markdown(List<Row> rows, List<Run> results, int runs, int warm, String date, String machine) {
        StringBuilder md = new StringBuilder("# What course media costs on the request path\n\n");
        md.append("Generated by `MediaBenchmark` (tools/local-cloud, `./benchmark.sh --media --runs ").append(runs).append(" --warm ")
                .append(warm).append("`) on ").append(date).append(", ").append(machine).append(". Do not edit.\n\n");
        md.append("courses-service from its extracted package, started cold twice per run and mode, ").append(runs)
                .append(" runs: one start's first request after init reads a lesson with a file, the other's a lesson without ")
                .append("one (the same text; an enrolled student's `GET /courses/{courseId}/lessons/{lessonId}`). Then each start serves ")
                .append(warm).append(" rounds of four requests, in an order that moves by one each round: the two reads, and the ")
                .append("author's `PUT /courses/{courseId}/lessons/{lessonId}` of a third lesson with a new file key and with its key ")
                .append("unchanged. Each round first takes an upload grant from the same function and uploads the file to the local ")
                .append("S3 (untimed), which the round's attach then checks. Times are Lambda's Duration (event handed over to ")
                .append("response). **x yardstick** is the media request's time over its yardstick's, paired (cold: the two starts ")
                .append("of a run; warm and attach: each start's own percentiles), median (min-max) over the pairs; **added** is ")
                .append("the median of the pairs' differences.\n\n");
        md.append("| mode | comparison | with media (a file read / a new key attached) | yardstick (no file / the key kept) | x yardstick | added | pairs |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        rows.forEach(row -> md.append(String.format("| %s | %s | %s | %s | **%.2fx** (%.2f-%.2f) | %+.2f ms | %d |%n", row.mode(),
                row.comparison().label, milliseconds(row.mediaMs()), milliseconds(row.yardstickMs()), row.ratio(), row.ratioMin(),
                row.ratioMax(), row.addedMs(), row.pairs())));
        md.append("\n");
        Map<String, List<Run>> byMode = new LinkedHashMap<>();
        results.forEach(run -> byMode.computeIfAbsent(run.mode(), m -> new ArrayList<>()).add(run));
        byMode.forEach((mode, list) -> md.append(String.format("%s: init %.0f ms (median of %d starts); the first attach of a start, ",
                mode, BenchmarkReport.median(list.stream().map(Run::initMs).toList()), list.size()))
                .append(String.format("which makes the function's S3 client, %s.%n", milliseconds(
                        BenchmarkReport.median(list.stream().map(Run::firstAttachMs).toList())))));
        md.append("\nWhat the media requests do beyond their yardstick: the first read of a file in a ten-minute ")
                .append("step signs one CloudFront URL (RSA-SHA1 over a canned policy, with the JDK's `Signature`; the key is parsed on ")
                .append("the first one), and later reads in the step reuse it (MediaLinks keeps it), so the warm rows show the reuse ")
                .append("and the cold row the signature; the attach reads the grant strongly ")
                .append("consistent (1 read unit), reads the file's first 12 bytes from S3 (one ranged GET, here the local S3 on ")
                .append("loopback; on AWS a call to S3 in the region, so a larger share) and, after the write, marks the grant ")
                .append("attached (one conditional UpdateItem, 1 write unit).\n");
        return md.toString();
    }

    private static String milliseconds(double value) {
        return value >= 100 ? String.format("%.0f ms", value) : String.format("%.2f ms", value);
    }

    private static void write(BenchmarkOptions options, List<String> modes, List<Run> results) throws IOException {
        Path dir = options.root().resolve("docs/benchmarks");
        Files.createDirectories(dir);
        List<Row> rows = summarize(results);
        String date = LocalDate.now().toString();
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("media.json").toFile(), Map.of("date", date, "runs", options.runs(), "warm", options.warm(),
                        "modes", modes, "results", results, "comparisons", rows));
        Files.writeString(dir.resolve("media.md"), markdown(rows, results, options.runs(), options.warm(), date, BenchmarkReport.machine()),
                StandardCharsets.UTF_8);
        List<String> categories = List.of(Comparison.values()).stream().map(comparison -> comparison.chartLabel).toList();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        rows.forEach(row -> series.computeIfAbsent(row.mode(), m -> new ArrayList<>()).add(row.ratio()));
        BenchmarkReport.barChart(dir.resolve("media.png"), "Course media: each request / the same request without media, same run (median)",
                "request", "x yardstick", "0.00", categories, series);
        System.out.println("wrote docs/benchmarks/media.md, .json and .png");
    }
}
