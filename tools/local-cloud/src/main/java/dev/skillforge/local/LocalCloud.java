package dev.skillforge.local;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.skillforge.data.table.DynamoTables;
import dev.skillforge.data.testing.Dynalite;
import dev.skillforge.data.testing.TestTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * LOCAL ONLY. The whole suite on one port in Lambda mode, started by {@code ./run-local.sh}: dynalite (data kept
 * in the state folder unless fresh) behind the stream-recording proxy, the table from TableDesign, every function
 * in its own process behind its own Lambda runtime API, the stream feeder in front of the stream-processor, and
 * the API Gateway emulation. Nothing here is on the production path; docs/local-run.md says how it differs.
 */
public final class LocalCloud implements AutoCloseable {

    public static final String TABLE = "skillforge-local";
    private static final Duration INIT_TIMEOUT = Duration.ofMinutes(3);

    /**
     * How to run: the repository root (functions are found in {@code <root>/<function>/target}), the state folder
     * (data, keys, logs, tokens), the gateway port (0 = any free one), an in-memory table, the function mode (null
     * picks the best each build has), whether to seed demo data into a new table, and whether to print each
     * stream batch.
     */
    public record Options(Path root, Path state, int port, boolean fresh, FunctionPackage.Mode mode, boolean seed,
            boolean verbose) {
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, FunctionInstance> functions = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private volatile boolean closing;
    private StreamFeeder feeder;
    private ApiGateway gateway;
    private Dynalite dynalite;
    private StreamRecordingProxy proxy;
    private StreamLog streamLog;
    private DevIdentity identity;
    private Map<String, String> configuration;

    private LocalCloud() {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        LocalCloud cloud = new LocalCloud();
        Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "local-cloud-stop"));
        try {
            cloud.run(options, jvmStart, System.out::println);
        } catch (Exception e) {
            System.err.println("local run failed: " + e.getMessage());
            System.exit(1);
        }
        cloud.printUsage(options);
        String reason = cloud.failure.get();
        System.err.println(reason);
        System.exit(1);
    }

    /** Starts everything; the returned cloud is ready for requests. */
    public static LocalCloud start(Options options, Consumer<String> out) throws Exception {
        LocalCloud cloud = new LocalCloud();
        try {
            cloud.run(options, System.currentTimeMillis(), out);
            return cloud;
        } catch (Exception e) {
            cloud.close();
            throw e;
        }
    }

    private void run(Options options, long startedAt, Consumer<String> out) throws Exception {
        Path state = options.state();
        Files.createDirectories(state);
        if (System.getProperty("dynalite.home") == null) {
            System.setProperty("dynalite.home", options.root().resolve("tools/dynalite").toString());
        }
        Path data = state.resolve("dynalite");
        Files.createDirectories(data);
        dynalite = Dynalite.start(options.fresh() ? null : data);
        resources.add(dynalite);
        boolean created = createTableIfMissing(dynalite.endpoint());
        out.accept("dynalite  " + dynalite.endpoint() + (options.fresh() ? " (in memory)" : " (data in " + data + ")")
                + ", table " + TABLE + (created ? " created" : " reused"));

        streamLog = new StreamLog(TABLE);
        proxy = new StreamRecordingProxy(dynalite.endpoint(), streamLog);
        resources.add(proxy);
        identity = DevIdentity.in(state.resolve("dev-keys"));
        configuration = functionConfiguration(proxy.endpoint(), identity);

        startFunctions(options, configuration, out);
        feeder = new StreamFeeder(streamLog, functions.get(FunctionPackage.STREAM_PROCESSOR),
                state.resolve("stream-failures.jsonl"), line -> {
                    if (options.verbose() || !line.contains(" ok ")) {
                        out.accept(line);
                    }
                });
        resources.add(feeder);
        gateway = new ApiGateway(options.port(), functions, identity, out);
        resources.add(gateway);
        gateway.serve(ApiReferencePage.PATH, new ApiReferencePage(options.root().resolve("docs/openapi.json"), baseUri()));

        long firstResponse = firstReadyRequest();
        out.accept(String.format("ready     http://localhost:%d  first request answered %d ms after start",
                gateway.port(), firstResponse - startedAt));

        DemoData.USERS.forEach((variable, user) -> tokens.put(variable, identity.token(user, 12 * 60)));
        if (created && options.seed()) {
            Map<DevIdentity.User, String> byUser = new LinkedHashMap<>();
            DemoData.USERS.forEach((variable, user) -> byUser.put(user, tokens.get(variable)));
            int calls = new DemoData(baseUri(), byUser).seed();
            out.accept("seeded    demo data with " + calls + " API calls");
        }
        writeStateFiles(state, proxy.endpoint(), identity);
    }

    private static boolean createTableIfMissing(URI endpoint) {
        try (DynamoDbClient client = TestTable.clientFor(endpoint)) {
            try {
                client.describeTable(b -> b.tableName(TABLE));
                return false;
            } catch (ResourceNotFoundException missing) {
                client.createTable(DynamoTables.createTableRequest(TABLE));
                return true;
            }
        }
    }

    /** The stage configuration the CDK app sets as environment variables, pointed at the local parts. */
    private static Map<String, String> functionConfiguration(URI dynamoEndpoint, DevIdentity identity) throws java.io.IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SKILLFORGE_TABLE_NAME", TABLE);
        env.put("SKILLFORGE_CURSOR_SIGNING_KEY", "local-run-only-cursor-signing-key-not-for-production");
        env.put("SKILLFORGE_ASSETS_BUCKET", "skillforge-assets-local");
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoEndpoint.toString());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", identity.jwks().toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevIdentity.ISSUER);
        env.put("MP_JWT_VERIFY_AUDIENCES", DevIdentity.AUDIENCE);
        return env;
    }

    private void startFunctions(Options options, Map<String, String> configuration, Consumer<String> out) throws Exception {
        Path runtimeClient = options.root().resolve("tools/local-cloud/target/lambda-ric");
        Path logs = options.state().resolve("logs");
        for (FunctionPackage function : FunctionPackage.all(options.root())) {
            FunctionPackage.Mode mode = function.resolve(options.mode());
            FunctionInstance instance = FunctionInstance.start(function, mode, runtimeClient, configuration, List.of(), logs,
                    dead -> {
                        if (!closing) {
                            failure.complete(dead.name() + " exited unexpectedly; last lines of " + dead.log() + ":\n"
                                    + dead.logTail(20));
                        }
                    });
            functions.put(function.name(), instance);
        }
        // Started together, then awaited: inits overlap as they would on Lambda.
        for (FunctionInstance instance : functions.values()) {
            long init = instance.awaitInit(INIT_TIMEOUT);
            out.accept(String.format("function  %-20s %-6s init %5d ms  pid %d  log %s", instance.name(),
                    instance.mode().label(), init, instance.pid(), instance.log()));
        }
    }

    /** Sends the first request through the gateway and returns when it was answered. */
    private long firstReadyRequest() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(baseUri().resolve("/courses?limit=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the first request answered " + response.statusCode() + ": " + response.body());
            }
            return System.currentTimeMillis();
        }
    }

    private void writeStateFiles(Path state, URI dynamoEndpoint, DevIdentity identity) throws Exception {
        StringBuilder file = new StringBuilder("# dev-only tokens (12 hours) trusted only by the local run; source this file\n");
        file.append("API=").append(baseUri()).append('\n');
        tokens.forEach((variable, token) -> file.append(variable).append('=').append(token).append('\n'));
        Files.writeString(state.resolve("tokens.env"), file);
        // For running one service in Quarkus dev mode against this local cloud (its %dev profile reads these).
        Files.writeString(state.resolve("local-env.properties"), "# written by LocalCloud\n"
                + "SKILLFORGE_LOCAL_DYNAMODB_ENDPOINT=" + dynamoEndpoint + "\n"
                + "SKILLFORGE_LOCAL_JWT_PUBLIC_KEY=" + identity.publicKeyPem() + "\n");
    }

    private void printUsage(Options options) {
        System.out.println();
        System.out.println("Tokens for each demo user are in " + options.state().resolve("tokens.env") + " (source it). Try:");
        System.out.println("  source .local/tokens.env");
        System.out.println("  curl -s $API/courses");
        System.out.println("  curl -s \"$API/courses/search?q=java\"");
        System.out.println("  curl -s $API/me/enrollments -H \"Authorization: Bearer $STUDENT_TOKEN\"");
        System.out.println("  curl -s -X POST $API/courses -H \"Authorization: Bearer $INSTRUCTOR_TOKEN\" -H 'Content-Type: application/json' \\");
        System.out.println("       -d '{\"title\":\"Java from zero\",\"category\":\"programming\",\"tags\":[\"java\"]}'");
        System.out.println("  curl -s $API/admin/audit -H \"Authorization: Bearer $ADMIN_TOKEN\"");
        System.out.println("API reference (try any route with a token from the file): " + baseUri() + ApiReferencePage.PATH);
        System.out.println("One line per request below (status, method, path, function, duration, cold/warm). Ctrl-C stops everything.");
        System.out.println();
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + gateway.port());
    }

    /** Dev tokens by variable name (ADMIN_TOKEN, INSTRUCTOR_TOKEN, STUDENT_TOKEN, ...). */
    public Map<String, String> tokens() {
        return Map.copyOf(tokens);
    }

    /** Completes with the reason when a function process dies while the cloud runs. */
    public CompletableFuture<String> failure() {
        return failure;
    }

    /** True when the stream feeder has delivered every change made so far. */
    public boolean streamIdle() {
        return feeder != null && feeder.idle();
    }

    /** The configuration every function gets (table, endpoint of the recording proxy, token verification). */
    Map<String, String> functionConfiguration() {
        return Map.copyOf(configuration);
    }

    /**
     * The same configuration with DynamoDB reached directly, as on AWS: for functions whose writes need not come back
     * through the stream (the benchmark's measured functions and its throughput run).
     */
    Map<String, String> directFunctionConfiguration() {
        Map<String, String> direct = new java.util.LinkedHashMap<>(configuration);
        direct.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynaliteEndpoint().toString());
        return Map.copyOf(direct);
    }

    /** dynalite itself, behind no proxy. */
    URI dynaliteEndpoint() {
        return dynalite.endpoint();
    }

    DevIdentity identity() {
        return identity;
    }

    /** The last stream records the proxy recorded (kept for benchmarks and fixtures). */
    List<com.fasterxml.jackson.databind.node.ObjectNode> recentStreamRecords() {
        return streamLog.recent();
    }

    /**
     * Stops the gateway, the feeder and every function but keeps the data: dynalite and the proxy stay up until
     * {@link #close()} (the benchmark starts its own function instances against them).
     */
    synchronized void stopFunctions() {
        closing = true;
        if (gateway != null) {
            gateway.close();
        }
        if (feeder != null) {
            feeder.close();
        }
        functions.values().parallelStream().forEach(FunctionInstance::close);
        functions.clear();
    }

    /** Stops the gateway and the feeder first, then every function, then the proxy and dynalite. */
    @Override
    public synchronized void close() {
        stopFunctions();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // stopping: nothing useful to do with a failure to stop
            }
        }
        resources.clear();
    }

    private static Options parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        int port = 8080;
        boolean fresh = false;
        boolean seed = true;
        boolean verbose = false;
        FunctionPackage.Mode mode = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--fresh" -> fresh = true;
                case "--no-seed" -> seed = false;
                case "--verbose" -> verbose = true;
                case "--mode" -> mode = args[++i].equals("auto") ? null : FunctionPackage.Mode.parse(args[i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new Options(root, root.resolve(".local"), port, fresh, mode, seed, verbose);
    }
}
