package dev.skillforge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client generated from docs/openapi.json (tools/api-client, built and type-checked by this module's
 * pre-integration-test executions) drives a learner journey through the local cloud: the document a frontend builds
 * on describes the API that answers.
 */
class TypedClientIT {

    private static final long TIMEOUT_SECONDS = 120;

    private static LocalCloud cloud;

    @BeforeAll
    static void startLocalCloud() throws Exception {
        Path gatewayLog = TestClouds.state("typed-client-it").resolve("gateway.log");
        Files.deleteIfExists(gatewayLog);
        cloud = TestClouds.start("typed-client-it", true, line -> record(gatewayLog, line));
    }

    /** The cloud's log goes to target/typed-client-it/gateway.log, beside the journey's output. */
    private static synchronized void record(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopLocalCloud() {
        TestClouds.stop(cloud);
    }

    @Test
    void theGeneratedClientCarriesALearnerThroughACourse() throws Exception {
        Path client = TestClouds.root().resolve("tools/api-client");
        Path journey = client.resolve("dist/journey.js");
        assertTrue(Files.isRegularFile(journey), journey + " is missing: the build makes it (npm run build in tools/api-client,"
                + " skipped with -Dskip.npm)");
        // A dist/ older than the document or the client's sources would run something else than what is checked in.
        java.util.List<Path> inputs = new java.util.ArrayList<>(java.util.List.of(TestClouds.root().resolve("docs/openapi.json")));
        try (var sources = Files.list(client.resolve("src"))) {
            sources.filter(source -> source.toString().endsWith(".ts")).forEach(inputs::add);
        }
        for (Path input : inputs) {
            assertTrue(Files.getLastModifiedTime(journey).compareTo(Files.getLastModifiedTime(input)) >= 0,
                    journey + " was built before " + input + " last changed: run npm run build in tools/api-client");
        }
        Path output = TestClouds.state("typed-client-it").resolve("journey.log");
        ProcessBuilder node = new ProcessBuilder("node", journey.toString()).directory(client.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        node.environment().put("BASE_URL", cloud.baseUri().toString());
        node.environment().put("INSTRUCTOR_TOKEN", cloud.tokens().get("INSTRUCTOR_TOKEN"));
        node.environment().put("STUDENT_TOKEN", cloud.tokens().get("STUDENT_TOKEN"));
        Process process = node.start();
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println("node dist/journey.js:\n" + printed);
        assertTrue(finished, "the journey did not finish within " + TIMEOUT_SECONDS + " s:\n" + printed);
        assertEquals(0, process.exitValue(), "the journey failed:\n" + printed);
        assertTrue(printed.contains("journey passed"), "the journey did not say it passed:\n" + printed);
    }
}
