package dev.skillforge.local.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.local.aot.AotPackager;
import dev.skillforge.local.lambda.FunctionPackage;

/** Collects the benchmark's samples and writes docs/performance.md, docs/benchmarks/results.json and the chart. */
public final class BenchmarkReport {

    /** One start of one function in one mode; {@code steadyNanos} only for the first run (empty otherwise). */
    public record Sample(String function, String mode, int run, long initMillis, long firstInvokeMillis, List<Long> warmNanos,
            List<Long> steadyNanos, long rssKilobytes) {
    }

    public record Throughput(String entity, int batchSize, int records, int courses, long millis, double recordsPerSecond, boolean exact,
            String mode) {
    }

    private final Path root;
    private final int runs;
    private final int warm;
    private final List<Sample> samples = new ArrayList<>();
    private final List<String> unavailable = new ArrayList<>();
    private final Map<String, Long> packageBytes = new TreeMap<>();
    private final Map<String, NativeBuildFacts> nativeBuilds = new TreeMap<>();
    private Map<String, String> requests = Map.of();
    private List<Long> dynamoNanos = List.of();
    private List<Long> dynamoQueryNanos = List.of();
    private String nodeVersion = "?";
    private Map<String, long[]> httpClients = Map.of();
    private List<Throughput> throughput = List.of();

    public BenchmarkReport(Path root, int runs, int warm) {
        this.root = root;
        this.runs = runs;
        this.warm = warm;
    }

    public void requests(Map<String, String> byFunction) {
        this.requests = new TreeMap<>(byFunction);
    }

    public void sample(Sample sample) {
        samples.add(sample);
    }

    public void unavailable(FunctionPackage.Mode mode) {
        unavailable.add(mode.label());
    }

    public void dynamoBaseline(List<Long> getItemNanos, List<Long> queryNanos) {
        this.dynamoNanos = getItemNanos;
        this.dynamoQueryNanos = queryNanos;
    }

    public void nodeVersion(String version) {
        this.nodeVersion = version;
    }

    public void httpClients(Map<String, long[]> medians) {
        this.httpClients = medians;
    }

    public void streamThroughput(List<Throughput> results) {
        this.throughput = results;
    }

    public void packageSizes(List<FunctionPackage> functions) throws IOException {
        for (FunctionPackage function : functions) {
            Path zip = function.target().resolve("function.zip");
            Path aot = function.aotDirectory().resolve(AotPackager.ZIP);
            if (Files.exists(zip)) {
                packageBytes.put(function.name() + (NativeBuildFacts.isNativeZip(zip) ? " native" : " jvm") + " (function.zip)", Files.size(zip));
            }
            NativeBuildFacts.of(function).ifPresent(facts -> nativeBuilds.put(function.name(), facts));
            if (Files.exists(aot)) {
                packageBytes.put(function.name() + " jvm-aot (function-aot.zip)", Files.size(aot));
            }
        }
    }

    public static double percentile(List<Long> values, double percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double median(List<? extends Number> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Medians over a function's runs in one mode. {@code ratio*} compare each run with the yardstick's start in the same
     * round of runs (paired by round: a slower stretch of the machine weighs on both; a round lasts minutes, so this
     * evens out drifts, not second-scale noise), NaN without a comparable yardstick.
     */
    private record Summary(double init, double initMin, double initMax, double first, double firstMin, double firstMax,
            double total, double totalMin, double totalMax, double p50, double p99, double steadyP50, double rssMb,
            double ratio, double ratioMin, double ratioMax, double p50Ratio) {
    }

    private Map<String, Map<String, Summary>> summarize() {
        Map<String, Map<String, List<Sample>>> grouped = new LinkedHashMap<>();
        samples.forEach(sample -> grouped.computeIfAbsent(sample.function(), f -> new LinkedHashMap<>())
                .computeIfAbsent(sample.mode(), m -> new ArrayList<>()).add(sample));
        Map<Integer, Sample> yardstickByRun = new LinkedHashMap<>();
        samples.stream().filter(sample -> sample.function().equals(FunctionPackage.NODE_YARDSTICK))
                .forEach(sample -> yardstickByRun.put(sample.run(), sample));
        Map<String, Map<String, Summary>> summaries = new LinkedHashMap<>();
        grouped.forEach((function, modes) -> modes.forEach((mode, list) -> {
            List<Long> init = list.stream().map(Sample::initMillis).toList();
            List<Long> first = list.stream().map(Sample::firstInvokeMillis).toList();
            List<Long> total = list.stream().map(sample -> sample.initMillis() + sample.firstInvokeMillis()).toList();
            // The stream-processor's batch is not the yardstick's kind of request: no ratio for it.
            boolean comparable = !function.equals(FunctionPackage.STREAM_PROCESSOR) && !function.equals(FunctionPackage.NODE_YARDSTICK);
            List<Double> ratios = new ArrayList<>();
            List<Double> p50Ratios = new ArrayList<>();
            for (Sample sample : list) {
                Sample node = yardstickByRun.get(sample.run());
                if (comparable && node != null) {
                    ratios.add((double) (sample.initMillis() + sample.firstInvokeMillis()) / (node.initMillis() + node.firstInvokeMillis()));
                    p50Ratios.add(percentile(sample.warmNanos(), 50) / percentile(node.warmNanos(), 50));
                }
            }
            summaries.computeIfAbsent(function, f -> new LinkedHashMap<>()).put(mode, new Summary(
                    median(init), min(init), max(init), median(first), min(first), max(first),
                    median(total), min(total), max(total),
                    median(list.stream().map(sample -> percentile(sample.warmNanos(), 50) / 1e6).toList()),
                    median(list.stream().map(sample -> percentile(sample.warmNanos(), 99) / 1e6).toList()),
                    median(list.stream().filter(sample -> !sample.steadyNanos().isEmpty())
                            .map(sample -> percentile(sample.steadyNanos(), 50) / 1e6).toList()),
                    median(list.stream().map(sample -> sample.rssKilobytes() / 1024.0).toList()),
                    median(ratios), ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), median(p50Ratios)));
        }));
        return summaries;
    }

    private static double min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private static double max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public void write() throws IOException {
        Path docs = root.resolve("docs");
        Path benchmarks = docs.resolve("benchmarks");
        Files.createDirectories(benchmarks);
        Map<String, Map<String, Summary>> summaries = summarize();
        writeChart(summaries, benchmarks.resolve("cold-start.png"));

        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("machine", machine());
        raw.put("runs", runs);
        raw.put("warmInvocations", warm);
        raw.put("requests", requests);
        raw.put("summaries", summaries);
        raw.put("dynamoGetItemMillis", Map.of("p50", percentile(dynamoNanos, 50) / 1e6, "p99", percentile(dynamoNanos, 99) / 1e6));
        raw.put("dynamoQueryMillis", Map.of("p50", percentile(dynamoQueryNanos, 50) / 1e6, "p99", percentile(dynamoQueryNanos, 99) / 1e6));
        raw.put("nodeVersion", nodeVersion);
        raw.put("httpClients", httpClients);
        raw.put("streamThroughput", throughput);
        raw.put("packageBytes", packageBytes);
        raw.put("nativeBuilds", nativeBuilds);
        raw.put("unavailableModes", unavailable);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(benchmarks.resolve("results.json").toFile(), raw);

        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Written by the benchmark (`./benchmark.sh`, class `ColdStartBenchmark`); do not edit by hand. ")
                .append("Figures are from one machine and are for comparing modes and changes, not promises about AWS.\n\n");
        md.append("Run: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" on ").append(machine()).append(".\n\n");
        md.append("## How it is measured\n\n");
        md.append("Each function is started as Lambda starts it, from its deployment package (`function.zip`, `function-aot.zip`) ")
                .append("extracted into a fresh task root, with the handler, memory and environment the synthesized template gives it ")
                .append("(tracing is off, see [tracing.md](tracing.md)): a process polling a Lambda runtime API of its own on loopback ")
                .append("(the JVM build through AWS's runtime interface client; the jvm-aot package through its own `bootstrap`; the ")
                .append("native executable polls it itself, started with `-XX:MaxRAM=").append(FunctionPackage.NATIVE_MEMORY_MB)
                .append("m` because Lambda's microVM has the function's memory, ").append(FunctionPackage.NATIVE_MEMORY_MB)
                .append(" MB for native, as its physical memory; the Node.js yardstick through a minimal runtime API loop, as ")
                .append("Lambda's managed Node.js runtime runs a handler). Each round of runs starts the yardstick and every ")
                .append("function in every mode once, in an order rotated from round to round. ")
                .append("**init** is process start to the first `/next` poll; **first** is the first invoke of a real request that ")
                .append("reads DynamoDB (dynalite, called directly as DynamoDB is on AWS); **warm** percentiles are over the next ")
                .append(warm).append(" invokes of the same request and **steady** is the p50 of invokes ")
                .append(ColdStartBenchmark.STEADY_AFTER - ColdStartBenchmark.STEADY_WINDOW).append("-").append(ColdStartBenchmark.STEADY_AFTER)
                .append(" (first run only), once the C1 compiler has reached the request path; first, warm and steady are Lambda's ")
                .append("Duration: from the event handed to the function's `/next` poll to its response received. ")
                .append("**RSS** is the process's resident memory after ").append(ColdStartBenchmark.RSS_AFTER).append(" invokes. ")
                .append(runs).append(" runs per function and mode, one function at a time; medians, with min-max in brackets.\n\n");
        md.append("Requests: ");
        requests.forEach((function, request) -> md.append('`').append(function).append("` ").append(request).append("; "));
        md.append("\n\n![init + first invoke, median per function and mode](benchmarks/cold-start.png)\n\n");

        Summary node = yardstick(summaries);
        md.append("## Cold start and warm latency\n\n");
        if (node != null) {
            md.append(String.format("Yardstick, measured in the same interleaved runs: the seed's Node.js handler (`tools/node-yardstick`, "
                    + "Node.js %s, AWS SDK v3 DocumentClient, one Query of 10 published courses on GSI1) in a runtime API loop, "
                    + "against the same dynalite: init + first invoke **%.0f ms** (%.0f-%.0f), warm p50 %.2f ms, RSS %.0f MB. "
                    + "**x node** is each run's figure divided by the yardstick's in the same round of runs, median (min-max); "
                    + "the stream-processor's batch has no counterpart there. The yardstick's Query returns ten items, the "
                    + "HTTP functions' requests one item or one user's data, so the warm ratio flatters them a little (the two "
                    + "DynamoDB calls alone: below).%n%n", nodeVersion, node.total(), node.totalMin(), node.totalMax(), node.p50(), node.rssMb()));
        }
        md.append("| function | mode | init ms | first invoke ms | init + first ms | x node | warm p50 ms | x node | warm p99 ms | steady p50 ms | RSS MB |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        summaries.forEach((function, modes) -> modes.forEach((mode, s) -> md.append(String.format(
                "| %s | %s | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | **%.0f** (%.0f-%.0f) | %s | %.2f | %s | %.2f | %.2f | %.0f |%n",
                function, mode, s.init(), s.initMin(), s.initMax(), s.first(), s.firstMin(), s.firstMax(), s.total(), s.totalMin(),
                s.totalMax(), Double.isNaN(s.ratio()) ? "" : String.format("**%.2fx** (%.2f-%.2f)", s.ratio(), s.ratioMin(), s.ratioMax()),
                s.p50(), Double.isNaN(s.p50Ratio()) ? "" : String.format("%.2fx", s.p50Ratio()), s.p99(), s.steadyP50(), s.rssMb()))));
        for (String mode : unavailable) {
            md.append("| all | ").append(mode).append(" | not measured: ").append(mode.equals("native")
                    ? "no current native build (./mvnw package -Dnative with a GraalVM or Mandrel 25 home)"
                    : mode.equals("jvm") ? "no JVM function.zip (a -Dnative build replaces it; ./mvnw package makes it again)"
                    : "no current jvm-aot packages (./mvnw package without -Dskip.aot makes them)").append(" | | | | | | | | |\n");
        }
        double dynamoP50 = percentile(dynamoNanos, 50) / 1e6;
        md.append(String.format("%nThe DynamoDB call alone (GetItem of the course item from the benchmark's JVM, its client compiled "
                + "by C2 after 3,000 untimed calls): p50 %.2f ms, p99 %.2f ms. The single-item read route (`courses-service` "
                + "GET /courses/{courseId}) takes that plus, at p50: ", dynamoP50, percentile(dynamoNanos, 99) / 1e6));
        Map<String, Summary> courses = summaries.getOrDefault(RouteTable.COURSES, Map.of());
        courses.forEach((mode, s) -> md.append(String.format("%s %.2f ms warm, %.2f ms steady; ", mode, s.p50() - dynamoP50,
                s.steadyP50() - dynamoP50)));
        md.append(String.format("the yardstick's GSI1 Query of 10 published courses, timed alone the same way: p50 %.2f ms, p99 %.2f ms.%n%n",
                percentile(dynamoQueryNanos, 50) / 1e6, percentile(dynamoQueryNanos, 99) / 1e6));

        md.append("## SDK HTTP client candidates\n\n");
        md.append("Building a DynamoDB client and making its first call in a fresh JVM with the functions' flags (medians):\n\n");
        md.append("| client | build ms | first call ms |\n| --- | ---: | ---: |\n");
        httpClients.forEach((client, values) -> md.append(String.format("| %s | %d | %d |%n", client, values[0], values[1])));
        md.append("\nThe functions use the URL connection client (`quarkus.dynamodb.sync-client.type=url`).\n\n");

        md.append("## Stream-processor throughput\n\n");
        md.append("| inserts | batch size | records | courses | time ms | records/s | aggregates | mode |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        throughput.forEach(t -> md.append(String.format("| %s | %d | %d | %d | %d | %.0f | %s | %s |%n", t.entity(), t.batchSize(),
                t.records(), t.courses(), t.millis(), t.recordsPerSecond(), t.exact() ? "exact" : "WRONG", t.mode())));
        md.append("\nEnrollment inserts, then review inserts (whose courses' average and ranking follow too), for many courses, ")
                .append("sent straight to the function (writing to dynalite without the proxy, as on AWS); afterwards every ")
                .append("course's count is compared with the inserts sent for it.\n\n");

        md.append("## Package sizes\n\n| package | MB |\n| --- | ---: |\n");
        packageBytes.forEach((name, bytes) -> md.append(String.format("| %s | %.1f |%n", name, bytes / 1e6)));
        md.append("\n");
        if (!nativeBuilds.isEmpty()) {
            md.append("## Native builds\n\n")
                    .append("From each build's native-image report (`target/*-native-image-source-jar/*-build-output-stats.json`) and the ")
                    .append("executable's dynamic symbols (`objdump -T`): Lambda's provided.al2023 ships glibc 2.34, so no symbol may ")
                    .append("need a newer version.\n\n")
                    .append("| function | executable MB | native-image s | native-image peak RSS GB | newest glibc symbol version | libraries linked | toolchain |\n")
                    .append("| --- | ---: | ---: | ---: | --- | --- | --- |\n");
            nativeBuilds.forEach((function, facts) -> md.append(String.format("| %s | %.1f | %s | %s | %s | %s | %s |%n", function,
                    facts.executableBytes() / 1e6, Double.isNaN(facts.buildSeconds()) ? "n/a" : String.format("%.0f", facts.buildSeconds()),
                    facts.peakRssBytes() < 0 ? "n/a" : String.format("%.2f", facts.peakRssBytes() / 1e9), facts.newestGlibc(),
                    String.join(", ", facts.neededLibraries()), facts.toolchain())));
            md.append("\nThese are x86_64 executables (the stack deploys `Architecture.X86_64`). Graviton (arm64) ones cannot be ")
                    .append("built on an x86_64 machine, since native-image does not cross-compile: they need an arm64 Linux host ")
                    .append("or container with a GraalVM or Mandrel 25 for aarch64, the same `./mvnw package -Dnative`, and the ")
                    .append("functions switched to `Architecture.ARM_64`; the same glibc check applies there.\n");
        }
        Files.writeString(docs.resolve("performance.md"), md, StandardCharsets.UTF_8);
        System.out.println("wrote " + root.relativize(docs.resolve("performance.md")) + ", docs/benchmarks/results.json, docs/benchmarks/cold-start.png");
    }

    private static Summary yardstick(Map<String, Map<String, Summary>> summaries) {
        return summaries.getOrDefault(FunctionPackage.NODE_YARDSTICK, Map.of()).get(FunctionPackage.Mode.NODE.label());
    }

    /** Ratios to the Node.js yardstick of the same run: absolute times on these shared machines move by 2x from day to day. */
    private void writeChart(Map<String, Map<String, Summary>> summaries, Path png) throws IOException {
        Summary node = yardstick(summaries);
        boolean relative = node != null && node.total() > 0;
        // Relative: the HTTP functions, each run against the yardstick's start in the same round (the stream batch has no counterpart).
        List<String> functions = summaries.keySet().stream().filter(function -> !function.equals(FunctionPackage.NODE_YARDSTICK))
                .filter(function -> !relative || !function.equals(FunctionPackage.STREAM_PROCESSOR)).toList();
        Map<String, List<Double>> byMode = new LinkedHashMap<>();
        functions.forEach(function -> summaries.get(function).forEach((mode, summary) ->
                byMode.computeIfAbsent(mode, m -> new ArrayList<>()).add(relative ? summary.ratio() : summary.total())));
        barChart(png, relative ? String.format("Cold start: init + first DynamoDB invoke / the Node.js handler's in the same run "
                + "(median of %d; handler %.0f ms)", runs, node.total())
                : "Cold start: init + first DynamoDB-reading invoke (median of " + runs + " runs)",
                "function", relative ? "x Node.js handler" : "milliseconds", relative ? "0.00" : "#,##0", functions, byMode);
    }

    /** A bar chart, written as a PNG: one value per category in each series (a mode), labelled with {@code decimals}. */
    static void barChart(Path png, String title, String xTitle, String yTitle, String decimals, List<String> categories,
            Map<String, List<Double>> series) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(480).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern(decimals);
        series.forEach((name, values) -> chart.addSeries(name, categories, values));
        BitmapEncoder.saveBitmap(chart, png.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: leave it unknown
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format("%d cores (%s), %.0f GiB, %s %s, JDK %s", Runtime.getRuntime().availableProcessors(), cpu,
                memory / (1024.0 * 1024 * 1024), System.getProperty("os.name"), System.getProperty("os.version"), Runtime.version());
    }

}
