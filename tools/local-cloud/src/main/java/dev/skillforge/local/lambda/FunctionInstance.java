package dev.skillforge.local.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One running execution environment of a function: its own Lambda runtime API and the process that polls it,
 * with the environment Lambda sets plus the stage configuration. Its output goes to its own log file.
 */
public final class FunctionInstance implements AutoCloseable {

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

    private final Launch launch;
    private final LambdaRuntimeApi runtimeApi;
    private final Process process;
    private final Path log;
    private final long startedMillis;
    private volatile boolean stopping;

    private FunctionInstance(Launch launch, LambdaRuntimeApi runtimeApi, Process process, Path log, long startedMillis) {
        this.launch = launch;
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.log = log;
        this.startedMillis = startedMillis;
    }

    /**
     * Everything Lambda decides about one execution environment: the command its runtime runs, the task root it runs
     * in (an extracted package, removed when the instance stops; null for what runs from the build folder), the
     * environment variables (Lambda's own, the credentials, the template's), and the function's timeout.
     */
    public record Launch(String name, FunctionPackage.Mode mode, List<String> command, Path workingDirectory, TaskRoot taskRoot,
            Map<String, String> environment, Duration timeout) {
    }

    /** Starts the function; {@code onUnexpectedExit} hears of it if the process dies while it should be running. */
    public static FunctionInstance start(Launch launch, Path logDirectory, Consumer<FunctionInstance> onUnexpectedExit) throws IOException {
        LambdaRuntimeApi runtimeApi = new LambdaRuntimeApi(launch.name());
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(launch.name() + ".log");
        List<String> command = new ArrayList<>(ORPHAN_GUARD);
        command.addAll(launch.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(launch.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only what Lambda sets: nothing of this machine's environment leaks in but the search path for programs.
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        environment.put("PATH", path);
        environment.putAll(launch.environment());
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        long started = System.currentTimeMillis();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            runtimeApi.close();
            if (launch.taskRoot() != null) {
                launch.taskRoot().close();
            }
            throw e;
        }
        FunctionInstance instance = new FunctionInstance(launch, runtimeApi, process, log, started);
        process.onExit().thenRun(() -> {
            runtimeApi.abandon(launch.name() + " exited with status " + process.exitValue());
            if (!instance.stopping) {
                onUnexpectedExit.accept(instance);
            }
        });
        return instance;
    }

    /** The function's timeout from its template: what the gateway and the stream feeder wait for at most. */
    public Duration timeout() {
        return launch.timeout();
    }

    /** Changes the function made to its read-only package (Lambda's /var/task would have refused them). */
    public List<String> taskRootChanges() {
        return launch.taskRoot() == null ? List.of() : launch.taskRoot().changes();
    }

    public String name() {
        return launch.name();
    }

    public FunctionPackage.Mode mode() {
        return launch.mode();
    }

    public Path log() {
        return log;
    }

    /** The function's own process (not the guarding shell), for resident-memory readings. */
    public long pid() {
        return functionProcess().map(ProcessHandle::pid).orElse(process.pid());
    }

    private java.util.Optional<ProcessHandle> functionProcess() {
        return process.children()
                .filter(child -> child.info().command().map(command -> !command.endsWith("sh")).orElse(false))
                .findFirst();
    }

    /** Milliseconds from process start to the first poll of the runtime API, once it has polled. */
    public long awaitInit(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return runtimeApi.ready().get(timeout.toMillis(), TimeUnit.MILLISECONDS) - startedMillis;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + "; see " + log, e.getCause());
        }
    }

    public LambdaRuntimeApi.Result invoke(String event, Duration timeout) throws TimeoutException, InterruptedException {
        return runtimeApi.invoke(event.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /** The last lines of the function's log, for the message when it dies. */
    public String logTail(int lines) {
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
        long grace = launch.mode() == FunctionPackage.Mode.AOT_TRAINING ? 180 : 5;
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
        if (launch.taskRoot() != null) {
            launch.taskRoot().close();
        }
    }
}
