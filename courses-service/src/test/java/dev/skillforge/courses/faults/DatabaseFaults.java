package dev.skillforge.courses.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * TEST ONLY. Faults injected at the SDK level: while a fault is armed, the function's DynamoDB requests are sent to a
 * small local server that answers as DynamoDB does when it throttles, fails, or hangs, instead of to dynalite, so the
 * faulty attempt really changes nothing (as a throttled or failed DynamoDB request does). The SDK's own retries,
 * backoff and timeouts then run for real. Listed in quarkus.dynamodb.interceptors by {@link FaultProfile}.
 */
public class DatabaseFaults implements ExecutionInterceptor {

    public enum Fault {
        THROTTLING(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"Rate exceeded\"}"),
        INTERNAL_ERROR(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"Internal server error\"}"),
        UNAVAILABLE(503, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ServiceUnavailable\",\"message\":\"Service unavailable\"}"),
        HANG(200, "{}");

        final int status;
        final String body;

        Fault(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    private static volatile Fault fault;
    /** How many requests still get the fault (negative: all of them). */
    private static final AtomicInteger REMAINING = new AtomicInteger();
    private static volatile Set<String> operations = Set.of();
    private static final AtomicInteger FAULTED = new AtomicInteger();
    private static HttpServer server;

    /** Arms a fault for the next {@code times} requests (-1: until {@link #clear()}) of the given operations (empty: all). */
    public static synchronized void arm(Fault kind, int times, String... onlyOperations) throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", DatabaseFaults::answer);
            server.start();
        }
        fault = kind;
        replaceReadAnswers = false;
        operations = Set.of(onlyOperations);
        REMAINING.set(times);
        FAULTED.set(0);
    }

    public static void clear() {
        fault = null;
        replaceReadAnswers = false;
        REMAINING.set(0);
    }

    /** Requests that met the fault since it was armed. */
    public static int faulted() {
        return FAULTED.get();
    }

    /** The request as the SDK first built it: a retry of a faulted attempt must go to the real endpoint again. */
    private static final ExecutionAttribute<SdkHttpRequest> ORIGINAL = new ExecutionAttribute<>("skillforge.faults.original");

    private static final ExecutionAttribute<Boolean> REPLACED = new ExecutionAttribute<>("skillforge.faults.replaced");
    private static volatile boolean replaceReadAnswers;

    /**
     * Arms a fault that replaces the answers of the next {@code times} reads with a 500 (a read changes nothing, so
     * this is what a failed read attempt looks like to the SDK, which then retries it against dynalite).
     */
    public static void failReads(int times) {
        fault = null;
        replaceReadAnswers = true;
        REMAINING.set(times);
        FAULTED.set(0);
    }

    @Override
    public java.util.Optional<java.io.InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(REPLACED))) {
            return java.util.Optional.of(new java.io.ByteArrayInputStream(Fault.INTERNAL_ERROR.body.getBytes(StandardCharsets.UTF_8)));
        }
        return context.responseBody();
    }

    @Override
    public software.amazon.awssdk.http.SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        attributes.putAttribute(REPLACED, false);
        String target = context.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        boolean read = target.endsWith(".GetItem") || target.endsWith(".Query") || target.endsWith(".BatchGetItem");
        if (!replaceReadAnswers || !read || REMAINING.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
            return context.httpResponse();
        }
        FAULTED.incrementAndGet();
        attributes.putAttribute(REPLACED, true);
        return context.httpResponse().toBuilder().statusCode(500).removeHeader("x-amz-crc32").build();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest original = attributes.getAttribute(ORIGINAL);
        if (original == null) {
            original = context.httpRequest();
            attributes.putAttribute(ORIGINAL, original);
        }
        SdkHttpRequest request = context.httpRequest().toBuilder().protocol(original.protocol()).host(original.host())
                .port(original.port()).encodedPath(original.encodedPath()).build();
        String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
        String operation = target.substring(target.indexOf('.') + 1);
        if (fault == null || (!operations.isEmpty() && !operations.contains(operation))) {
            return request;
        }
        int left = REMAINING.getAndUpdate(n -> n > 0 ? n - 1 : n);
        if (left == 0) {
            return request;
        }
        FAULTED.incrementAndGet();
        URI faulty = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + fault.name());
        return request.toBuilder().protocol("http").host(faulty.getHost()).port(faulty.getPort()).encodedPath(faulty.getPath()).build();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Fault kind = Fault.valueOf(exchange.getRequestURI().getPath().substring(1));
            if (kind == Fault.HANG) {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = kind.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(kind.status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException ignored) {
            // the client gave up (a timeout): nothing to answer
        }
    }
}
