package dev.skillforge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.skillforge.data.table.DynamoTables;
import dev.skillforge.data.testing.Dynalite;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.local.lambda.TaskRoot;
import dev.skillforge.local.scale.Catalog;
import dev.skillforge.local.scale.RouteDriver;
import dev.skillforge.local.scale.RouteRun;
import dev.skillforge.local.scale.ScaleReport;
import dev.skillforge.local.scale.ScaleSizes;
import dev.skillforge.local.scale.ScaleWorkloads;
import dev.skillforge.local.scale.SeedItems;
import dev.skillforge.local.scale.SeededChanges;
import dev.skillforge.local.scale.Seeder;
import dev.skillforge.local.scale.Workload;

/**
 * Issue 20's scale run: a platform of {@link ScaleSizes#FULL} (100,000 learners, 2,000 courses, one course with 50,000
 * enrollments) seeded straight into the local cloud's engine, then every learner-facing route driven through the same
 * gateway, authorizer and functions users reach, a bounded number of requests each, measuring the units per request
 * (DynamoDB's rules, from the endpoint's meter) and latency percentiles against a yardstick taken in the same run.
 * <p>
 * Asserts only what does not depend on the machine's speed: statuses, counts, and every budgeted route within
 * {@link CapacityIT#BUDGETS}. Latencies are reported, never asserted. Runs only when asked: {@code -Dscale.run=true} for the
 * full size (README, docs/capacity.md "Scale run"), {@code -Dscale.run=tiny} for a two-minute try of the whole harness;
 * the data plan itself is tested in every build (CatalogTest). Results go to target/scale, and to docs/capacity.md with
 * {@code -Dskillforge.docs.write=true}.
 */
class ScaleRunIT {

    @Test
    void theSeededPlatformServesEveryRouteWithinBudget() throws Exception {
        long runStarted = System.nanoTime();
        ScaleSizes sizes = ScaleSizes.fromSystemProperties();
        // minutes even when tiny (a cloud, a seeded engine, the stream, thousands of requests): only when asked for
        Assumptions.assumeTrue(sizes != null, "no scale run asked for (-Dscale.run=true, or tiny)");
        Map<String, Duration> phases = new LinkedHashMap<>();
        Path state = TestClouds.state("scale-run");
        TaskRoot.removeAll(state.resolve("dynalite"));
        TaskRoot.removeAll(state.resolve("dynalite-replica"));
        Catalog catalog = new Catalog(sizes, Instant.now());
        SeedItems items = new SeedItems(catalog);

        // Seeded into the local cloud's own data folder before it starts: the cloud then opens the table as a kept one
        // (run-local.sh's way) and its read replica starts as a copy of the files, so the engine writes everything once.
        long phase = System.nanoTime();
        Seeder.Result seeded;
        try (Dynalite engine = Dynalite.start(state.resolve("dynalite"))) {
            try (DynamoDbClient client = TestTable.clientFor(engine.endpoint())) {
                client.createTable(DynamoTables.createTableRequest(LocalCloud.TABLE));
            }
            try (Seeder seeder = new Seeder(LocalCloud.TABLE, engine.endpoint())) {
                seeded = seeder.seed(items);
            }
        }
        phases.put("seeding", since(phase));

        phase = System.nanoTime();
        // the cloud's own lines (stream deliveries that failed, functions that died) are kept for a look afterwards
        java.io.PrintWriter cloudLog = new java.io.PrintWriter(Files.newBufferedWriter(state.resolve("cloud.log")), true);
        LocalCloud cloud = TestClouds.watched(LocalCloud.start(new LocalCloud.Options(TestClouds.root(), state, 0, false, TestClouds.mode(), false, false),
                line -> {
                    synchronized (cloudLog) {
                        cloudLog.println(line);
                    }
                }));
        try {
            phases.put("cloud start (with the replica's copy of the seeded files)", since(phase));

            phase = System.nanoTime();
            SeededChanges.Result derived = new SeededChanges(cloud, items).deliver();
            awaitQuiet(cloud);
            phases.put("stream consumers on the seeded records", since(phase));
            int bigCourseReviews = items.reviews(Catalog.BIG).size();
            RouteDriver driver = new RouteDriver(cloud);
            expectBigCourseCounts(driver, sizes.bigEnrollments(), bigCourseReviews, "after seeding");

            phase = System.nanoTime();
            ScaleWorkloads workloads = new ScaleWorkloads(items, cloud.identity(), cloud.tokens().get("ADMIN_TOKEN"));
            for (RouteDriver.Call call : workloads.warmUp()) {
                int status = driver.send(call).status();
                assertTrue(status == 200, "warm-up " + call.path() + " answered " + status);
            }
            phases.put("warm-up", since(phase));

            phase = System.nanoTime();
            List<String> problems = new ArrayList<>();
            RouteRun run = new RouteRun(driver, "GET /courses/{courseId}", workloads.yardstick(), problems);
            List<RouteRun.Result> results = new ArrayList<>();
            for (Workload workload : workloads.all()) {
                results.add(run.run(workload));
            }
            phases.put("measured requests", since(phase));

            phase = System.nanoTime();
            awaitQuiet(cloud);
            // every write was undone by a later block: the stream must have counted each exactly once
            expectBigCourseCounts(driver, sizes.bigEnrollments(), bigCourseReviews, "after the run");
            phases.put("final checks", since(phase));
            phases.put("total", since(runStarted));

            ScaleReport.write(TestClouds.root(), new ScaleReport.Run(sizes, Instant.now(),
                    System.getProperty("skillforge-test.mode", "jvm-build"), cloud.readReplica() == null ? Duration.ZERO : cloud.readReplica().lag(),
                    seeded, derived, phases, ScaleReport.counts(seeded, sizes, bigCourseReviews)), results, ScaleRunIT::budget);

            assertEquals(List.of(), problems, "answers that were not what the seeded data says");
            List<String> over = new ArrayList<>();
            for (RouteRun.Result result : results) {
                ScaleReport.Budget budget = budget(result.route());
                long overBudget = budget == null ? 0 : result.over(budget.read(), budget.write());
                if (overBudget > 0) {
                    over.add(result.route() + " (" + result.scenario() + "): " + overBudget + " of " + result.requests() + " requests, up to "
                            + result.readMax() + " read, " + result.writeMax() + " write units; budget " + budget.read() + " / " + budget.write());
                }
            }
            assertEquals(List.of(), over, "routes over their capacity budget at scale");
        } finally {
            TestClouds.stop(cloud);
            cloudLog.close();
        }
    }

    /** CapacityIT's budget of a route, the one the build holds every route to (null when it has none). */
    private static ScaleReport.Budget budget(String route) {
        CapacityIT.Budget budget = CapacityIT.BUDGETS.get(route);
        return budget == null ? null : new ScaleReport.Budget(budget.read(), budget.write());
    }

    /** The large course's aggregate, as the stream consumers keep it, counts exactly the seeded learners and reviews. */
    private static void expectBigCourseCounts(RouteDriver driver, int enrollments, int reviews, String when) {
        RouteDriver.Answer rating = driver.send(new RouteDriver.Call(null, "GET", "/courses/" + Catalog.courseId(Catalog.BIG) + "/rating", null));
        assertEquals(200, rating.status(), "rating " + when);
        JsonNode body = rating.body();
        assertEquals(enrollments, body.path("enrollmentCount").asLong(), "the large course's enrollments " + when + ": " + body);
        assertEquals(reviews, body.path("reviewCount").asLong(), "the large course's reviews " + when + ": " + body);
    }

    /** Waits until the stream consumers have applied every change and the read replica has every write. */
    private static void awaitQuiet(LocalCloud cloud) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!cloud.streamIdle() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(cloud.streamIdle(), "the stream consumers did not catch up");
        if (cloud.readReplica() != null) {
            cloud.readReplica().awaitCaughtUp();
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
