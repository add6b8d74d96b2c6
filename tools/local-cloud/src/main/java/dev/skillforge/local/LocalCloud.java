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
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.testing.Dynalite;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.data.testing.cognito.LocalCognito;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.local.cdn.LocalCdn;
import dev.skillforge.local.cdn.MediaSigningKey;
import dev.skillforge.local.cloudformation.StackTemplate;
import dev.skillforge.local.credentials.LocalCredentials;
import dev.skillforge.local.dynamodb.DynamoDbEndpoint;
import dev.skillforge.local.dynamodb.ReadReplica;
import dev.skillforge.local.dynamodb.StreamLog;
import dev.skillforge.local.gateway.ApiGateway;
import dev.skillforge.local.gateway.ApiReferencePage;
import dev.skillforge.local.identity.CognitoIam;
import dev.skillforge.local.identity.DevIdentity;
import dev.skillforge.local.identity.RefreshTokens;
import dev.skillforge.local.lambda.FunctionInstance;
import dev.skillforge.local.lambda.FunctionPackage;
import dev.skillforge.local.lambda.LambdaRuntimeApi;
import dev.skillforge.local.lambda.StreamFeeder;
import dev.skillforge.local.lambda.TaskRoot;
import dev.skillforge.local.s3.LocalS3;

/**
 * LOCAL ONLY. The whole suite on one port in Lambda mode, started by {@code ./run-local.sh}: dynalite (data kept
 * in the state folder unless fresh) behind the stream-recording proxy, the table from TableDesign, every function
 * in its own process behind its own Lambda runtime API, a stream feeder in front of each stream consumer, and
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
            boolean verbose, Duration readLag) {

        /** With the default read lag: the system property skillforge.local.read-lag-ms, else {@link ReadReplica#DEFAULT_LAG}. */
        public Options(Path root, Path state, int port, boolean fresh, FunctionPackage.Mode mode, boolean seed, boolean verbose) {
            this(root, state, port, fresh, mode, seed, verbose, defaultReadLag());
        }

        static Duration defaultReadLag() {
            String millis = System.getProperty("skillforge.local.read-lag-ms");
            return millis == null ? ReadReplica.DEFAULT_LAG : Duration.ofMillis(Long.parseLong(millis));
        }
    }

    /** The assets bucket's local name (the template's bucket resolves to it). */
    public static final String ASSETS_BUCKET = "skillforge-assets-local";
    /** The template parameter the media URL signing public key (PEM) is deployed with. */
    public static final String MEDIA_PUBLIC_KEY_PARAMETER = "MediaSigningPublicKey";
    /** The secret made outside the stack that holds the media URL signing private key is skillforge-<stage> + this. */
    public static final String MEDIA_SIGNING_SECRET_SUFFIX = "-media-signing-key";
    /** The user pool's local id (the template's pool resolves to it) and its ARN. */
    public static final String USER_POOL_ID = "us-east-1_SkillForg1";
    public static final String USER_POOL_ARN = LocalCognito.poolArn(StackTemplate.REGION, StackTemplate.ACCOUNT, USER_POOL_ID);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, FunctionInstance> functions = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    /** Demo users the pool gave no token (disabled or deleted through the admin API), with the reason. */
    private final Map<String, String> refusedTokens = new LinkedHashMap<>();
    private final List<RefreshTokens.SignIn> signIns = new ArrayList<>();
    private LocalCognito cognito;
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private volatile boolean closing;
    private final List<StreamFeeder> feeders = new ArrayList<>();
    private ApiGateway gateway;
    private Dynalite dynalite;
    private DynamoDbEndpoint proxy;
    private StreamLog streamLog;
    private DevIdentity identity;
    private LocalCredentials credentials;
    private LocalS3 s3;
    private LocalCdn cdn;
    private MediaSigningKey mediaKey;
    private ReadReplica replica;
    private Options options;
    private final Map<String, StackTemplate> templates = new java.util.concurrent.ConcurrentHashMap<>();

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
        if (!options.readLag().isZero()) {
            // Before the primary opens its files: a kept table's replica starts as a copy of them.
            replica = ReadReplica.of(options.fresh() ? null : data, state.resolve("dynalite-replica"), TABLE, options.readLag());
            resources.add(replica);
        }
        dynalite = Dynalite.start(options.fresh() ? null : data);
        resources.add(dynalite);
        boolean created = createTableIfMissing(dynalite.endpoint());
        out.accept("dynalite  " + dynalite.endpoint() + (options.fresh() ? " (in memory)" : " (data in " + data + ")")
                + ", table " + TABLE + (created ? " created" : " reused"));

        this.options = options;
        // Task roots are per execution environment: whatever a killed run left is not reused.
        TaskRoot.removeAll(state.resolve("tasks"));
        streamLog = new StreamLog(TABLE);
        credentials = new LocalCredentials();
        resources.add(credentials);
        proxy = new DynamoDbEndpoint(dynalite.endpoint(), streamLog, replica, credentials, out);
        resources.add(proxy);
        s3 = new LocalS3(state.resolve("s3"), credentials, out);
        resources.add(s3);
        out.accept("aws       DynamoDB " + proxy.endpoint() + " (IAM from the template, eventually consistent reads "
                + (replica == null ? "off" : "lag " + replica.lag().toMillis() + " ms") + "), S3 " + s3.endpoint());
        // Before any template is read: the distribution's domain name is this port, and the key pair its parameter and secret.
        mediaKey = MediaSigningKey.in(state.resolve("media-key"));
        cdn = new LocalCdn(out);
        resources.add(cdn);
        out.accept("cdn       " + cdn.baseUri() + " (the template's CloudFront distribution; URL signing key pair in "
                + state.resolve("media-key") + ")");
        identity = DevIdentity.in(state.resolve("dev-keys"));
        startUserPool(options, out);

        startFunctions(options, out);
        requireStreamReadGrants();
        // One event source mapping per stream consumer, each with its own filter, retries and failure file.
        for (StreamConsumer consumer : StreamConsumer.values()) {
            StreamFeeder feeder = new StreamFeeder(streamLog, consumer, functions.get(consumer.functionName()),
                    state.resolve("stream-failures-" + consumer.id() + ".jsonl"), line -> {
                        if (options.verbose() || !line.contains(" ok ")) {
                            out.accept(line);
                        }
                    });
            feeders.add(feeder);
            resources.add(feeder);
        }
        // The HTTP API is the same in every deploy mode's template; the mode the HTTP functions run in names the template.
        StackTemplate.HttpApi api = template(FunctionPackage.deployMode(functions.get(RouteTable.UNMATCHED).mode())).httpApi();
        template(FunctionPackage.deployMode(functions.get(RouteTable.UNMATCHED).mode())).distribution()
                .ifPresent(distribution -> cdn.serve(distribution, s3.store()));
        gateway = new ApiGateway(options.port(), functions, api, identity, out);
        resources.add(gateway);
        gateway.serve(ApiReferencePage.PATH, new ApiReferencePage(options.root().resolve("docs/openapi.json"), baseUri()));

        long firstResponse = firstReadyRequest();
        out.accept(String.format("ready     http://localhost:%d  first request answered %d ms after start",
                gateway.port(), firstResponse - startedAt));

        signInDemoUsers(options);
        if (created && options.seed()) {
            Map<DevIdentity.User, String> byUser = new LinkedHashMap<>();
            // A demo user the pool refuses still authors its seed data: seeding is the local cloud's own setup.
            DemoData.USERS.forEach((variable, user) -> byUser.put(user, tokens.containsKey(variable)
                    ? tokens.get(variable) : identity.token(user, RefreshTokens.TOKEN_MINUTES)));
            int calls = new DemoData(baseUri(), byUser).seed();
            out.accept("seeded    demo data with " + calls + " API calls");
        }
        writeStateFiles(state, proxy.endpoint(), identity);
    }

    /**
     * The user pool: admin calls are checked like AWS checks them (SigV4 by a function's credentials, its role's
     * policy on the pool's ARN); users are kept in the state folder unless fresh; every demo user exists in its role's
     * group (one an admin changed is left as it is).
     */
    private void startUserPool(Options options, Consumer<String> out) throws java.io.IOException {
        Path store = options.fresh() ? null : options.state().resolve("cognito/users.json");
        cognito = LocalCognito.builder(identity).poolId(USER_POOL_ID).clientId(DevIdentity.CLIENT_ID).store(store)
                .check(new CognitoIam(credentials, USER_POOL_ARN)).tokenMinutes(RefreshTokens.TOKEN_MINUTES).log(out).start();
        resources.add(cognito);
        for (DevIdentity.User user : DemoData.USERS.values()) {
            if (cognito.find(user.id()).isEmpty()) {
                cognito.createUser(user.id(), user.email(), user.name(), List.of(user.role()));
            }
        }
        out.accept("cognito   " + cognito.endpoint() + " pool " + USER_POOL_ID
                + (store == null ? " (in memory)" : " (users in " + store + ")"));
    }

    /**
     * Each demo user's token comes from the pool as a client gets it: the refresh token a previous run kept, or a new
     * sign-in when there is none or it was revoked, then a refresh, which carries the user's current groups.
     */
    private void signInDemoUsers(Options options) throws java.io.IOException {
        Map<String, String> kept = options.fresh() ? Map.of() : RefreshTokens.keptRefreshTokens(options.state());
        for (Map.Entry<String, DevIdentity.User> demo : DemoData.USERS.entrySet()) {
            String variable = demo.getKey();
            String username = demo.getValue().id();
            String refreshToken = kept.get(variable);
            try {
                LocalCognito.AuthenticationResult result;
                try {
                    result = cognito.refresh(refreshToken);
                } catch (LocalCognito.CognitoError revokedOrMissing) {
                    refreshToken = cognito.signIn(username);
                    result = cognito.refresh(refreshToken);
                }
                tokens.put(variable, result.accessToken());
                signIns.add(new RefreshTokens.SignIn(variable, username, refreshToken));
            } catch (LocalCognito.CognitoError | IllegalArgumentException | IllegalStateException e) {
                refusedTokens.put(variable, username + ": " + e.getMessage());
            }
        }
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

    /**
     * The only variables the local cloud adds to what the template gives a function: where the AWS endpoints are
     * (DynamoDB, S3 and Cognito have no DNS names here), the media's public base URL (the local CDN speaks http, not the
     * template's https) and the user pool's keys (its JWKS URL is not reachable from here).
     */
    private Map<String, String> localOverrides(boolean directDynamo, Map<String, String> templateEnvironment) throws java.io.IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", (directDynamo ? dynalite.endpoint() : proxy.endpoint()).toString());
        if (templateEnvironment.containsKey("SKILLFORGE_ASSETS_BUCKET")) {
            env.put("SKILLFORGE_ASSETS_ENDPOINT", s3.endpoint().toString());
        }
        if (templateEnvironment.containsKey("SKILLFORGE_MEDIA_PUBLIC_BASE_URL")) {
            env.put("SKILLFORGE_MEDIA_PUBLIC_BASE_URL", cdn.baseUri().toString());
        }
        if (templateEnvironment.containsKey("SKILLFORGE_USERS_POOL_ID")) {
            env.put("SKILLFORGE_USERS_ENDPOINT_OVERRIDE", cognito.endpoint().toString());
        }
        if (templateEnvironment.containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION")) {
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", identity.jwks().toString());
        }
        return env;
    }

    private StackTemplate template(String deployMode) {
        return templates.computeIfAbsent(deployMode, mode -> {
            try {
                Path file = StackTemplate.of(options.root(), mode);
                java.util.Map<String, String> secrets = new LinkedHashMap<>();
                StackTemplate template = StackTemplate.read(file, new StackTemplate.LocalResources(TABLE, ASSETS_BUCKET,
                        DevIdentity.ISSUER, USER_POOL_ID, USER_POOL_ARN, DevIdentity.AUDIENCE, secrets,
                        Map.of(MEDIA_PUBLIC_KEY_PARAMETER, mediaKey.publicKeyPem()), cdn.domainName()));
                template.logicalIds("AWS::SecretsManager::Secret")
                        .forEach(secret -> secrets.put(secret, "local-run-only-" + secret + "-not-for-production"));
                // The operator's secret outside the stack (skillforge-<stage>-media-signing-key) holds the private key's PEM.
                template.referencedSecretNames().stream().filter(name -> name.endsWith(MEDIA_SIGNING_SECRET_SUFFIX))
                        .forEach(name -> secrets.put(name, mediaKey.privateKeyPem()));
                return template;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * How Lambda would start {@code function} in {@code mode}: its deployment package extracted into a fresh task root,
     * the template's runtime, handler, memory, timeout and environment, its own role's credentials handed over the
     * way its runtime gets them, and Lambda's own variables. {@code directDynamo} skips the local DynamoDB endpoint
     * (the benchmark measures the function, not the emulation).
     */
    public FunctionInstance.Launch launch(FunctionPackage function, FunctionPackage.Mode mode, boolean directDynamo) throws java.io.IOException {
        return launch(function, function.functionNames().get(0), mode, directDynamo);
    }

    /** {@link #launch} of one of the functions deployed from a package (the stream-processor's are one per consumer). */
    public FunctionInstance.Launch launch(FunctionPackage function, String functionName, FunctionPackage.Mode mode, boolean directDynamo)
            throws java.io.IOException {
        if (!function.supports(mode)) {
            throw new IllegalStateException(function.name() + " has no current " + mode.label() + " package in " + function.target()
                    + ": build it first (./mvnw install -DskipTests" + (mode == FunctionPackage.Mode.NATIVE ? " -Dnative" : "") + ")");
        }
        StackTemplate.FunctionDefinition definition = template(FunctionPackage.deployMode(mode)).function(functionName);
        Path zip = function.deployablePackage(mode);
        TaskRoot taskRoot = zip == null ? null : TaskRoot.extract(zip, options.state().resolve("tasks"), functionName);
        try {
            return launch(function, functionName, mode, directDynamo, definition, taskRoot);
        } catch (RuntimeException e) {
            if (taskRoot != null) {
                taskRoot.close();
            }
            throw e;
        }
    }

    private FunctionInstance.Launch launch(FunctionPackage function, String functionName, FunctionPackage.Mode mode, boolean directDynamo,
            StackTemplate.FunctionDefinition definition, TaskRoot taskRoot) throws java.io.IOException {
        Path workingDirectory = taskRoot != null ? taskRoot.directory() : function.aotDirectory();
        boolean java = definition.runtime().startsWith("java");
        LocalCredentials.Session session = credentials.issue(definition.functionName(), definition.roleName(), definition.policy());

        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", definition.functionName());
        // SnapStart functions are invoked as a published version through the live alias.
        env.put("AWS_LAMBDA_FUNCTION_VERSION", java ? "1" : "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(definition.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + definition.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + session.accessKeyId());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", java ? "snap-start" : "on-demand");
        if (java) {
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + definition.runtime());
        }
        env.put("AWS_REGION", StackTemplate.REGION);
        env.put("AWS_DEFAULT_REGION", StackTemplate.REGION);
        env.put("LAMBDA_TASK_ROOT", workingDirectory.toString());
        env.put("LAMBDA_RUNTIME_DIR", options.root().resolve("tools/local-cloud/target/lambda-ric").toString());
        env.put("_HANDLER", definition.handler());
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.putAll(credentials.environment(session, java));
        env.putAll(definition.environment());
        env.putAll(localOverrides(directDynamo, definition.environment()));
        if (mode == FunctionPackage.Mode.AOT_TRAINING) {
            env.put("SKILLFORGE_AOT", "record");
        }
        List<String> command = function.command(mode, workingDirectory, definition.handler(), definition.memoryMb(),
                Path.of(System.getProperty("java.home")), options.root().resolve("tools/local-cloud/target/lambda-ric"), List.of());
        return new FunctionInstance.Launch(functionName, mode, command, workingDirectory, taskRoot, env,
                Duration.ofSeconds(definition.timeoutSeconds()));
    }

    /**
     * The event source mapping reads the stream with the consumer's own role: Lambda refuses to create a mapping whose
     * role cannot read the stream, so the local feeder does not start either.
     */
    private void requireStreamReadGrants() {
        for (StreamConsumer subscription : StreamConsumer.values()) {
            FunctionPackage.Mode mode = functions.get(subscription.functionName()).mode();
            StackTemplate.FunctionDefinition consumer = template(FunctionPackage.deployMode(mode)).function(subscription.functionName());
            String stream = StackTemplate.tableArn(TABLE) + "/stream/local";
            for (String action : List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator")) {
                if (!consumer.policy().allows(action, stream)) {
                    throw new IllegalStateException(subscription.functionName() + "'s role may not call " + action
                            + " on the table's stream: Lambda would refuse its event source mapping");
                }
            }
            if (!consumer.policy().allows("dynamodb:ListStreams", "*")) {
                throw new IllegalStateException(subscription.functionName() + "'s role may not call dynamodb:ListStreams");
            }
        }
    }

    private void startFunctions(Options options, Consumer<String> out) throws Exception {
        Path logs = options.state().resolve("logs");
        for (FunctionPackage function : FunctionPackage.all(options.root())) {
            FunctionPackage.Mode mode = function.resolve(options.mode());
            for (String functionName : function.functionNames()) {
                FunctionInstance instance = FunctionInstance.start(launch(function, functionName, mode, false), logs,
                        dead -> {
                            if (!closing) {
                                failure.complete(dead.name() + " exited unexpectedly; last lines of " + dead.log() + ":\n"
                                        + dead.logTail(20));
                            }
                        });
                functions.put(functionName, instance);
            }
        }
        // Started together, then awaited: inits overlap as they would on Lambda.
        for (FunctionInstance instance : functions.values()) {
            long init = instance.awaitInit(INIT_TIMEOUT);
            out.accept(String.format("function  %-20s %-6s init %5d ms  pid %d  log %s", instance.name(),
                    instance.mode().label(), init, instance.pid(), instance.log()));
        }
    }

    /** Every answer of the gateway from now on, to {@code observer} (the end-to-end suites' conformance check). */
    public void observeAnswers(ApiGateway.AnswerObserver observer) {
        gateway.observe(observer);
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
        Files.writeString(state.resolve("tokens.env"), RefreshTokens.tokensEnv(baseUri(), tokens, refusedTokens));
        RefreshTokens.writeSession(state, cognito.endpoint(), DevIdentity.CLIENT_ID, baseUri(), signIns);
        // For running one service in Quarkus dev mode against this local cloud (its %dev profile reads these).
        Files.writeString(state.resolve("local-env.properties"), "# written by LocalCloud\n"
                + "SKILLFORGE_LOCAL_DYNAMODB_ENDPOINT=" + dynamoEndpoint + "\n"
                + "SKILLFORGE_LOCAL_JWT_PUBLIC_KEY=" + identity.publicKeyPem() + "\n");
    }

    private void printUsage(Options options) {
        System.out.println();
        System.out.println("Tokens for each demo user are in " + options.state().resolve("tokens.env")
                + " (source it; ./run-local.sh tokens refreshes them from the user pool). Try:");
        System.out.println("  source .local/tokens.env");
        System.out.println("  curl -s $API/courses");
        System.out.println("  curl -s \"$API/courses/search?q=java\"");
        System.out.println("  curl -s $API/me/enrollments -H \"Authorization: Bearer $STUDENT_TOKEN\"");
        System.out.println("  curl -s -X POST $API/courses -H \"Authorization: Bearer $INSTRUCTOR_TOKEN\" -H 'Content-Type: application/json' \\");
        System.out.println("       -d '{\"title\":\"Java from zero\",\"category\":\"programming\",\"tags\":[\"java\"]}'");
        System.out.println("  curl -s $API/admin/audit -H \"Authorization: Bearer $ADMIN_TOKEN\"");
        System.out.println("API reference (try any route with a token from the file): " + baseUri() + ApiReferencePage.PATH);
        System.out.println("Media: covers and avatars at " + cdn.baseUri() + "/<key>, lesson files by the signed URLs the API gives.");
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

    /** True when every stream consumer's feeder has delivered every change made so far. */
    public boolean streamIdle() {
        return !feeders.isEmpty() && feeders.stream().allMatch(StreamFeeder::idle);
    }

    /**
     * Starts one more execution environment of a function outside the gateway (the benchmark's measured instances and
     * its throughput run), as {@link #launch} describes; {@code directDynamo} sends its DynamoDB calls to dynalite.
     */
    public FunctionInstance startFunction(FunctionPackage function, FunctionPackage.Mode mode, boolean directDynamo, Path logs)
            throws java.io.IOException {
        return FunctionInstance.start(launch(function, mode, directDynamo), logs, dead -> { });
    }

    /**
     * The Node.js yardstick, which has no template: Lambda's variables for nodejs20.x, its handler and its settings
     * ({@code configuration}), with fixed keys (it talks to dynalite directly, which checks none).
     */
    public FunctionInstance startYardstick(FunctionPackage yardstick, Map<String, String> configuration, Path logs) throws java.io.IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", yardstick.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_REGION", StackTemplate.REGION);
        env.put("AWS_DEFAULT_REGION", StackTemplate.REGION);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("TZ", ":UTC");
        env.putAll(configuration);
        List<String> command = yardstick.command(FunctionPackage.Mode.NODE, yardstick.target(), "handler.handler", 512,
                Path.of(System.getProperty("java.home")), options.root().resolve("tools/local-cloud/target/lambda-ric"), List.of());
        return FunctionInstance.start(new FunctionInstance.Launch(yardstick.name(), FunctionPackage.Mode.NODE, command,
                yardstick.target(), null, env, Duration.ofSeconds(30)), logs, dead -> { });
    }

    /**
     * The name a running function has in the template ({@code skillforge-dev-stream-aggregates} for
     * {@code stream-aggregates}): what its credentials carry, so what {@link #capacity()} and {@link #accessDenials()}
     * know it by.
     */
    public String deployedName(String functionName) {
        FunctionInstance instance = functions.get(functionName);
        if (instance == null) {
            throw new IllegalArgumentException("no running function " + functionName);
        }
        return template(FunctionPackage.deployMode(instance.mode())).function(functionName).functionName();
    }

    /** The read and write units each function consumed on the DynamoDB endpoint, as DynamoDB would charge them. */
    public dev.skillforge.local.dynamodb.CapacityMeter capacity() {
        return proxy.capacity();
    }

    /** The local DynamoDB endpoint's IAM refusals so far (a test run expects none but the one it provokes). */
    public List<DynamoDbEndpoint.Denial> accessDenials() {
        return proxy.denials();
    }

    /** Files the running functions changed in their read-only task roots (Lambda would have refused the writes). */
    public Map<String, List<String>> taskRootChanges() {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        functions.forEach((name, instance) -> {
            if (!instance.taskRootChanges().isEmpty()) {
                changes.put(name, instance.taskRootChanges());
            }
        });
        return changes;
    }

    /**
     * Warnings the framework logged in the functions' logs (configuration keys nothing reads, and the like): a deployed
     * function starts without any. Our own code's warnings (a refused call the test provoked) are not counted here.
     */
    public List<String> frameworkWarnings() throws java.io.IOException {
        Path logs = options.state().resolve("logs");
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        List<String> warnings = new java.util.ArrayList<>();
        try (var files = Files.list(logs)) {
            for (Path log : files.filter(file -> file.toString().endsWith(".log")).sorted().toList()) {
                for (String line : Files.readAllLines(log)) {
                    boolean warning = line.contains("\"level\":\"WARN") || line.contains("\"level\":\"ERROR");
                    if (warning && line.contains("\"loggerName\":\"io.quarkus")) {
                        warnings.add(log.getFileName() + ": " + line);
                    }
                }
            }
        }
        return warnings;
    }

    /** The credentials the functions got (a test takes a grant away from a role). */
    public LocalCredentials credentials() {
        return credentials;
    }

    /** The eventually consistent reads' copy, or null when the emulation is off. */
    public ReadReplica readReplica() {
        return replica;
    }

    /** Delivers stream records to a running stream consumer as one batch, as a retry of its mapping would. */
    public LambdaRuntimeApi.Result deliverToStreamConsumer(StreamConsumer consumer, List<com.fasterxml.jackson.databind.node.ObjectNode> records)
            throws Exception {
        FunctionInstance processor = functions.get(consumer.functionName());
        return processor.invoke(dev.skillforge.data.testing.StreamRecords.event(records).toString(), processor.timeout());
    }

    /** The S3 stand-in for the assets bucket. */
    public LocalS3 s3() {
        return s3;
    }

    /** The CloudFront stand-in in front of the assets bucket. */
    public LocalCdn cdn() {
        return cdn;
    }

    /** The media URL signing key pair of the state folder (what the local CDN trusts and courses-service signs with). */
    public MediaSigningKey mediaSigningKey() {
        return mediaKey;
    }

    /** dynalite itself, behind no proxy. */
    public URI dynaliteEndpoint() {
        return dynalite.endpoint();
    }

    public DevIdentity identity() {
        return identity;
    }

    /** The user pool stand-in (pool id {@link #USER_POOL_ID}). */
    public LocalCognito cognito() {
        return cognito;
    }

    /** The last stream records the proxy recorded (kept for benchmarks and fixtures). */
    public List<com.fasterxml.jackson.databind.node.ObjectNode> recentStreamRecords() {
        return streamLog.recent();
    }

    /**
     * Stops the gateway, the feeder and every function but keeps the data: dynalite and the proxy stay up until
     * {@link #close()} (the benchmark starts its own function instances against them).
     */
    public synchronized void stopFunctions() {
        closing = true;
        if (gateway != null) {
            gateway.close();
        }
        feeders.forEach(StreamFeeder::close);
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
        Duration readLag = Options.defaultReadLag();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--fresh" -> fresh = true;
                case "--no-seed" -> seed = false;
                case "--verbose" -> verbose = true;
                case "--read-lag-ms" -> readLag = Duration.ofMillis(Long.parseLong(args[++i]));
                case "--mode" -> mode = args[++i].equals("auto") ? null : FunctionPackage.Mode.parse(args[i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new Options(root, root.resolve(".local"), port, fresh, mode, seed, verbose, readLag);
    }
}
