package dev.skillforge.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One running execution environment of a function: its own Lambda runtime API and the process that polls it,
 * with the environment Lambda sets plus the stage configuration. Its output goes to its own log file.
 */
final class FunctionInstance implements AutoCloseable {

    /**
     * Runs the function under a small shell that holds the local cloud's end of a pipe on fd 3: when the local cloud
     * dies, even by SIGKILL, the pipe closes, {@code read} returns and the function is killed, so nothing is orphaned.
     * The shell exits with the function's status.
     */
    private static final List<String> ORPHAN_GUARD = List.of("/bin/sh", "-c", """
            exec 3<&0
            "$@" <&- &
            child=$!
            { read -r _ <&3; kill -KILL "$child" 2>/dev/null; } &
            guard=$!
            wait "$child"; status=$?
            kill "$guard" 2>/dev/null
            exit "$status"
            """, "function");

    private final FunctionPackage function;
    private final FunctionPackage.Mode mode;
    private final LambdaRuntimeApi runtimeApi;
    private final Process process;
    private final Path log;
    private final long startedMillis;
    private volatile boolean stopping;

    private FunctionInstance(FunctionPackage function, FunctionPackage.Mode mode, LambdaRuntimeApi runtimeApi,
            Process process, Path log, long startedMillis) {
        this.function = function;
        this.mode = mode;
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.log = log;
        this.startedMillis = startedMillis;
    }

    /**
     * Starts the function; {@code onUnexpectedExit} hears of it if the process dies while it should be running.
     * {@code jvmOptions} are added to a JVM function's command line (the AOT training run uses them).
     */
    static FunctionInstance start(FunctionPackage function, FunctionPackage.Mode mode, Path runtimeClientDir,
            Map<String, String> configuration, List<String> jvmOptions, Path logDirectory,
            Consumer<FunctionInstance> onUnexpectedExit) throws IOException {
        if (!function.supports(mode)) {
            throw new IllegalStateException(function.name() + " has no current " + mode.label() + " build in " + function.target()
                    + (mode == FunctionPackage.Mode.NODE ? ": run npm ci there first"
                    : ": build it first (./mvnw package -DskipTests" + (mode == FunctionPackage.Mode.NATIVE ? " -Dnative" : "") + ")"));
        }
        LambdaRuntimeApi runtimeApi = new LambdaRuntimeApi(function.name());
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(function.name() + ".log");
        List<String> command = new ArrayList<>(ORPHAN_GUARD);
        command.addAll(function.command(mode, Path.of(System.getProperty("java.home")), runtimeClientDir, jvmOptions));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(function.target().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.putAll(lambdaEnvironment(function.name(), runtimeApi.address(), mode));
        environment.putAll(configuration);
        if (mode == FunctionPackage.Mode.AOT || mode == FunctionPackage.Mode.AOT_TRAINING) {
            environment.put("SKILLFORGE_AOT", mode == FunctionPackage.Mode.AOT_TRAINING ? "record" : "use");
        }
        long started = System.currentTimeMillis();
        Process process = builder.start();
        FunctionInstance instance = new FunctionInstance(function, mode, runtimeApi, process, log, started);
        process.onExit().thenRun(() -> {
            runtimeApi.abandon(function.name() + " exited with status " + process.exitValue());
            if (!instance.stopping) {
                onUnexpectedExit.accept(instance);
            }
        });
        return instance;
    }

    /** The variables Lambda sets in every execution environment (credentials are fake: dynalite ignores them). */
    private static Map<String, String> lambdaEnvironment(String name, String runtimeApiAddress, FunctionPackage.Mode mode) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApiAddress);
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", mode == FunctionPackage.Mode.NATIVE ? String.valueOf(FunctionPackage.NATIVE_MEMORY_MB) : "512");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("_HANDLER", FunctionPackage.HANDLER);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("TZ", ":UTC");
        return env;
    }

    String name() {
        return function.name();
    }

    FunctionPackage.Mode mode() {
        return mode;
    }

    Path log() {
        return log;
    }

    /** The function's own process (not the guarding shell), for resident-memory readings. */
    long pid() {
        return functionProcess().map(ProcessHandle::pid).orElse(process.pid());
    }

    private java.util.Optional<ProcessHandle> functionProcess() {
        return process.children()
                .filter(child -> child.info().command().map(command -> !command.endsWith("sh")).orElse(false))
                .findFirst();
    }

    /** Milliseconds from process start to the first poll of the runtime API, once it has polled. */
    long awaitInit(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return runtimeApi.ready().get(timeout.toMillis(), TimeUnit.MILLISECONDS) - startedMillis;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + "; see " + log, e.getCause());
        }
    }

    LambdaRuntimeApi.Result invoke(String event, Duration timeout) throws TimeoutException, InterruptedException {
        return runtimeApi.invoke(event.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /** The last lines of the function's log, for the message when it dies. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the function as Lambda would at shutdown: SIGTERM to the function's own process, then SIGKILL to what is
     * left after a grace period. The guarding shell ends by itself once the function has exited.
     */
    @Override
    public void close() {
        stopping = true;
        // A training JVM writes its AOT cache as it exits, which takes a while: give it the time.
        long grace = mode == FunctionPackage.Mode.AOT_TRAINING ? 180 : 5;
        functionProcess().ifPresentOrElse(ProcessHandle::destroy, process::destroy);
        try {
            if (!process.waitFor(grace, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        runtimeApi.close();
    }
}
