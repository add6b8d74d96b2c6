package dev.skillforge.local.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.skillforge.local.LocalCloud;
import dev.skillforge.local.aot.AotPackager;
import dev.skillforge.local.lambda.FunctionInstance;
import dev.skillforge.local.lambda.FunctionPackage;
import dev.skillforge.local.lambda.LambdaRuntimeApi;
import dev.skillforge.web.routes.RouteTable;

/**
 * What the revoked-token check (AccountGate) costs, measured on the function as it ships (its extracted package, in
 * each JVM mode that is built): enrollments-service answering {@code GET /me} with a token, started cold again and again.
 * The check times itself and puts the time on the request's log line ({@code accountCheck}); this reads it back, so
 * the cost is the check's own, and sets it against the request it is part of (the yardstick, measured in the same
 * invocation). Two settings: the deployed one (reads reuse the account read for 30 s: only the cold request reads) and
 * {@code SKILLFORGE_USERS_ACCOUNT_CACHE_TTL=PT0S} (every request reads, as every write does). Writes
 * docs/benchmarks/account-check.json and .md.
 *
 * <pre>./benchmark.sh --account-check [--runs 5] [--warm 300]</pre>
 */
public final class AccountCheckBenchmark {

    private static final Pattern CHECK = Pattern.compile("\"accountCheck\":\"(read|cached|refused) (\\d+) us\"");

    /** One cold start and its warm requests, in one setting. */
    record Run(String mode, String setting, int run, long initMs, double firstRequestMs, double firstCheckMs, double warmRequestP50Ms,
            double warmCheckP50Ms, long warmReads) {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        Path root = options.root();
        int runs = options.runs();
        int warm = options.warm();
        Path state = root.resolve("tools/local-cloud/target/benchmark-account");
        AotPackager.deleteTree(state);
        LocalCloud cloud = LocalCloud.start(new LocalCloud.Options(root, state, 0, true, null, true, false), line -> { });
        List<Run> results = new ArrayList<>();
        try {
            String token = cloud.tokens().get("STUDENT_TOKEN");
            cloud.stopFunctions();
            String event = ColdStartBenchmark.httpEvent(cloud, "GET /me", "/me", Map.of(), token);
            FunctionPackage enrollments = FunctionPackage.all(root).stream().filter(f -> f.name().equals(RouteTable.ENROLLMENTS))
                    .findFirst().orElseThrow();
            List<FunctionPackage.Mode> modes = List.of(FunctionPackage.Mode.JVM, FunctionPackage.Mode.AOT).stream()
                    .filter(enrollments::supports).toList();
            for (int run = 1; run <= runs; run++) {
                for (FunctionPackage.Mode mode : modes) {
                    for (String setting : List.of("deployed (30 s cache)", "every request reads")) {
                        Run measured = measure(cloud, enrollments, mode, setting, run, warm, event, state);
                        results.add(measured);
                        System.out.printf("%-4s run %d  %-22s first %6.1f ms (check %5.2f ms)  warm p50 %5.2f ms (check %5.3f ms, %d reads)%n",
                                mode.label(), run, setting, measured.firstRequestMs(), measured.firstCheckMs(), measured.warmRequestP50Ms(),
                                measured.warmCheckP50Ms(), measured.warmReads());
                    }
                }
            }
        } finally {
            cloud.close();
        }
        write(root, results, runs, warm);
    }

    private static Run measure(LocalCloud cloud, FunctionPackage function, FunctionPackage.Mode mode, String setting, int run, int warm,
            String event, Path state) throws Exception {
        FunctionInstance.Launch launch = cloud.launch(function, mode, true);
        Map<String, String> environment = new LinkedHashMap<>(launch.environment());
        if (setting.startsWith("every")) {
            environment.put("SKILLFORGE_USERS_ACCOUNT_CACHE_TTL", "PT0S");
        }
        Path logs = state.resolve("logs-" + mode.label() + "-" + run + "-" + (setting.startsWith("every") ? "reads" : "deployed"));
        FunctionInstance instance = FunctionInstance.start(new FunctionInstance.Launch(launch.name(), launch.mode(), launch.command(),
                launch.workingDirectory(), launch.taskRoot(), environment, launch.timeout()), logs, dead -> { });
        List<Long> warmNanos = new ArrayList<>();
        long init;
        double first;
        try {
            init = instance.awaitInit(Duration.ofSeconds(60));
            LambdaRuntimeApi.Result cold = instance.invoke(event, Duration.ofSeconds(60));
            require(cold);
            first = cold.functionNanos() / 1e6;
            for (int i = 0; i < warm; i++) {
                LambdaRuntimeApi.Result result = instance.invoke(event, Duration.ofSeconds(60));
                require(result);
                warmNanos.add(result.functionNanos());
            }
        } finally {
            instance.close();
        }
        List<Long> checks = new ArrayList<>();
        long reads = 0;
        for (String line : Files.readAllLines(instance.log(), StandardCharsets.UTF_8)) {
            Matcher matcher = CHECK.matcher(line);
            if (matcher.find()) {
                checks.add(Long.parseLong(matcher.group(2)) * 1_000);
                reads += matcher.group(1).equals("read") && checks.size() > 1 ? 1 : 0;
            }
        }
        if (checks.size() != warm + 1) {
            throw new IllegalStateException("expected " + (warm + 1) + " accountCheck log fields, found " + checks.size() + " in " + instance.log());
        }
        return new Run(mode.label(), setting, run, init, first, checks.get(0) / 1e6, BenchmarkReport.percentile(warmNanos, 50) / 1e6,
                BenchmarkReport.percentile(checks.subList(1, checks.size()), 50) / 1e6, reads);
    }

    private static void require(LambdaRuntimeApi.Result result) throws IOException {
        if (result.error() || new ObjectMapper().readTree(result.payload()).path("statusCode").asInt() != 200) {
            throw new IllegalStateException("GET /me failed: " + result.text());
        }
    }

    private static void write(Path root, List<Run> results, int runs, int warm) throws IOException {
        Path dir = root.resolve("docs/benchmarks");
        Files.createDirectories(dir);
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("account-check.json").toFile(), Map.of("date", LocalDate.now().toString(), "runs", runs, "warm", warm,
                        "results", results));
        StringBuilder md = new StringBuilder("# What the revoked-token check costs\n\n");
        md.append("Generated by `AccountCheckBenchmark` (tools/local-cloud) on ").append(LocalDate.now()).append(": enrollments-service ")
                .append("from its extracted package answering `GET /me` with a token, started cold ").append(runs)
                .append(" times per mode and setting, then ").append(warm).append(" warm requests. The check's time is its own ")
                .append("(it logs it); each is set against the request it is part of, measured in the same invocation. Do not edit.\n\n");
        md.append("| mode | setting | cold: first request | its check | share | warm: request p50 | check p50 | share | table reads per warm request |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        results.forEach(run -> groups.computeIfAbsent(run.mode() + "|" + run.setting(), k -> new ArrayList<>()).add(run));
        groups.forEach((key, runsOf) -> {
            double first = median(runsOf.stream().map(Run::firstRequestMs).toList());
            double firstCheck = median(runsOf.stream().map(Run::firstCheckMs).toList());
            double warmRequest = median(runsOf.stream().map(Run::warmRequestP50Ms).toList());
            double warmCheck = median(runsOf.stream().map(Run::warmCheckP50Ms).toList());
            double reads = runsOf.stream().mapToLong(Run::warmReads).sum() / (double) (runsOf.size() * warm);
            String[] parts = key.split("\\|");
            md.append(String.format("| %s | %s | %.1f ms | %.2f ms | %.0f%% | %.2f ms | %.3f ms | %.0f%% | %.2f |%n", parts[0], parts[1], first,
                    firstCheck, 100 * firstCheck / first, warmRequest, warmCheck, 100 * warmCheck / warmRequest, reads));
        });
        md.append("\nIn DynamoDB units: a request that may write reads the account strongly consistent (1 read unit, in every write ")
                .append("route's budget in [capacity.md](../capacity.md)); a read costs half a unit when its cached read is older than 30 s, else nothing.\n");
        Files.writeString(dir.resolve("account-check.md"), md, StandardCharsets.UTF_8);
        System.out.println("wrote docs/benchmarks/account-check.md and .json");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
