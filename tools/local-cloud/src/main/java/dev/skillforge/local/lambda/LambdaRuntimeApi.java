package dev.skillforge.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Lambda runtime API (2018-06-01) for one function instance, on a loopback port: the runtime interface
 * client (or a native bootstrap) long-polls {@code /invocation/next}, and posts the response or error back.
 * Invocations queue and run one at a time, as they do in one Lambda execution environment.
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /**
     * What an invocation ended with: the function's payload, or its error document. {@code durationMillis} is the
     * caller's round trip; {@code functionNanos} is Lambda's Duration, from the event handed to the function's
     * {@code /next} poll to its response received.
     */
    public record Result(byte[] payload, boolean error, boolean cold, long durationMillis, long functionNanos) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private record Invocation(String requestId, byte[] event, long deadlineMillis, CompletableFuture<byte[]> response,
            AtomicBoolean failed, AtomicLong handedOver, AtomicLong answered) {
    }

    private final String functionName;
    private final HttpServer server;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final AtomicLong invocations = new AtomicLong();
    private volatile String initError;

    public LambdaRuntimeApi(String functionName) throws IOException {
        this.functionName = functionName;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API for the function process. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes with the wall-clock time of the function's first poll: its init is over. */
    public CompletableFuture<Long> ready() {
        return firstPoll;
    }

    public String initError() {
        return initError;
    }

    /** Invokes the function synchronously (RequestResponse), waiting at most the function's timeout. */
    public Result invoke(byte[] event, Duration timeout) throws TimeoutException, InterruptedException {
        long started = System.nanoTime();
        boolean cold = invocations.getAndIncrement() == 0;
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event,
                System.currentTimeMillis() + timeout.toMillis(), new CompletableFuture<>(), new AtomicBoolean(), new AtomicLong(),
                new AtomicLong());
        queued.add(invocation);
        try {
            byte[] payload = invocation.response().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(payload, invocation.failed().get(), cold, (System.nanoTime() - started) / 1_000_000,
                    invocation.answered().get() - invocation.handedOver().get());
        } catch (ExecutionException e) {
            throw new IllegalStateException(functionName + " stopped during an invocation", e.getCause());
        } finally {
            queued.remove(invocation);
        }
    }

    /** The function process is gone: fail whatever waits on it. */
    void abandon(String reason) {
        IllegalStateException gone = new IllegalStateException(reason);
        firstPoll.completeExceptionally(gone);
        running.values().forEach(invocation -> invocation.response().completeExceptionally(gone));
        queued.forEach(invocation -> invocation.response().completeExceptionally(gone));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, path.substring("invocation/".length(), path.length() - "/response".length()), false);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(exchange, path.substring("invocation/".length(), path.length() - "/error".length()), true);
            } else if (method.equals("GET") && path.equals("restore/next")) {
                // SnapStart: the runtime asks for its restore once init is done; Lambda answers after taking the
                // snapshot and restoring it. There is no snapshot here: the answer comes at once, so the restore
                // hooks run in the same process that ran init.
                respond(exchange, 200, "");
            } else if (method.equals("POST") && path.equals("restore/error")) {
                initError = read(exchange.getRequestBody());
                firstPoll.completeExceptionally(new IllegalStateException(functionName + " failed to restore: " + initError));
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError = read(exchange.getRequestBody());
                firstPoll.completeExceptionally(new IllegalStateException(functionName + " failed to initialize: " + initError));
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                respond(exchange, 404, "{\"errorMessage\":\"unknown runtime API path\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.currentTimeMillis());
        Invocation invocation;
        try {
            invocation = queued.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        running.put(invocation.requestId(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:" + functionName);
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + invocation.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        headers.add("Content-Type", "application/json");
        invocation.handedOver().set(System.nanoTime());
        exchange.sendResponseHeaders(200, invocation.event().length);
        exchange.getResponseBody().write(invocation.event());
    }

    private void complete(HttpExchange exchange, String requestId, boolean error) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        long answered = System.nanoTime();
        Invocation invocation = running.remove(requestId);
        if (invocation == null) {
            respond(exchange, 400, "{\"errorMessage\":\"unknown request id\"}");
            return;
        }
        invocation.answered().set(answered);
        invocation.failed().set(error);
        invocation.response().complete(body);
        respond(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        abandon(functionName + " was stopped");
        server.stop(0);
    }
}
