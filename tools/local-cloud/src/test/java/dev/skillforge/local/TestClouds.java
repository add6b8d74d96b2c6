package dev.skillforge.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.skillforge.local.identity.DevIdentity;
import dev.skillforge.local.lambda.FunctionPackage;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Where the integration tests find the repository, and a fresh local cloud for each of them. */
final class TestClouds {

    private TestClouds() {
    }

    /** The suites' cast: an owner and another instructor, two learners, an admin (plus any a suite adds). */
    static Map<String, String> tokens(DevIdentity identity, int minutes,
            DevIdentity.User... more) {
        List<DevIdentity.User> cast = new ArrayList<>(List.of(
                new DevIdentity.User("owner", "Olga Owner", "instructor"),
                new DevIdentity.User("other-instructor", "Ivan Other", "instructor"),
                new DevIdentity.User("learner", "Lena Learner", "student"),
                new DevIdentity.User("other-learner", "Otto Other", "student"),
                new DevIdentity.User("root", "Ada Admin", "admin")));
        cast.addAll(List.of(more));
        Map<String, String> tokens = new LinkedHashMap<>();
        cast.forEach(user -> tokens.put(user.id(), identity.token(user, minutes)));
        return tokens;
    }

    static Path root() {
        return Path.of(System.getProperty("skillforge-test.root", "../..")).toAbsolutePath().normalize();
    }

    /** The state folder of one test's cloud, under tools/local-cloud/target. */
    static Path state(String name) throws IOException {
        Path state = root().resolve("tools/local-cloud/target").resolve(name);
        Files.createDirectories(state);
        return state;
    }

    /**
     * How the functions start ({@code -Dskillforge.test.mode}): jvm-build (the default: what the JVM build made, jvm-aot
     * else plain JVM, never an older native executable), native (the native profile: a missing or stale native build
     * fails the suites instead of quietly testing the JVM build), jvm, aot, or auto (each function's best current build).
     */
    static FunctionPackage.Mode mode() {
        String mode = System.getProperty("skillforge-test.mode", "jvm-build");
        return mode.isBlank() || mode.equals("auto") ? null : FunctionPackage.Mode.parse(mode);
    }

    /**
     * Stops a test's cloud after checking what AWS would have refused along the way: no call denied by a role's policy
     * (a denied stream-processor call shows up nowhere else: the feeder retries it and writes it off) and no file
     * written into a function's read-only package, and no warning from the framework in any function's log (a deployed
     * function starts without warnings).
     */
    static void stop(LocalCloud cloud) {
        if (cloud == null) {
            return;
        }
        try {
            unwatch(cloud);
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), cloud.accessDenials(), "calls the template's IAM policies refuse");
            org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of(), cloud.taskRootChanges(), "writes into read-only task roots");
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), frameworkWarnings(cloud), "framework warnings in the functions' logs");
        } finally {
            cloud.close();
        }
    }

    private static List<String> frameworkWarnings(LocalCloud cloud) {
        try {
            return cloud.frameworkWarnings();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A cloud with an in-memory table, no demo data, functions in the mode the build asked for. */
    static LocalCloud start(String name, boolean verbose, Consumer<String> out) throws Exception {
        return watched(LocalCloud.start(new LocalCloud.Options(root(), state(name), 0, true, mode(), false, verbose), out));
    }

    /**
     * Ends the conformance check of a cloud: its RestAssured filter is removed, and the suite fails on any answer the
     * document does not describe that no request failed on yet, or if the check saw no answer at all (a gateway that
     * stopped reporting would pass everything).
     */
    static void unwatch(LocalCloud cloud) {
        OpenApiConformance conformance = CONFORMANCE.remove(cloud.baseUri());
        org.junit.jupiter.api.Assertions.assertNotNull(conformance, "a cloud the conformance check did not watch (TestClouds.watched)");
        List<io.restassured.filter.Filter> others = new ArrayList<>(io.restassured.RestAssured.filters());
        others.remove(conformance);
        io.restassured.RestAssured.replaceFiltersWith(others);
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), conformance.unreported(), "answers docs/openapi.json does not describe");
        org.junit.jupiter.api.Assertions.assertTrue(conformance.checked() > 0, "no answer reached the conformance check");
    }

    /**
     * Holds every answer this cloud's gateway gives, to whichever client, to docs/openapi.json: a RestAssured request
     * fails at once on its own mismatch, the others fail {@link #stop} (which refuses a cloud that was not watched).
     */
    static LocalCloud watched(LocalCloud cloud) {
        OpenApiConformance conformance = OpenApiConformance.of();
        CONFORMANCE.put(cloud.baseUri(), conformance);
        cloud.observeAnswers(conformance);
        io.restassured.RestAssured.filters(conformance);
        return cloud;
    }

    private static final Map<java.net.URI, OpenApiConformance> CONFORMANCE = new java.util.concurrent.ConcurrentHashMap<>();

    /** Polls until the condition holds or the time is up (then fails naming {@code what}). */
    static void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + limit);
            }
            Thread.sleep(50);
        }
    }

    /** Waits (up to 30 s) until every stream consumer has been delivered every change made so far. */
    static void awaitStream(LocalCloud cloud) throws InterruptedException {
        await(Duration.ofSeconds(30), "the stream delivered", cloud::streamIdle);
    }

    /** Polls until a 200 answer meets the condition or the time is up; returns the last body. */
    static JsonPath within(Duration limit, Supplier<Response> request, Predicate<Response> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Response response = request.get();
        while (!(response.statusCode() == 200 && condition.test(response)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = request.get();
        }
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), response.asString());
        org.junit.jupiter.api.Assertions.assertTrue(condition.test(response), "not within " + limit + ": " + response.asString());
        return response.jsonPath();
    }
}
