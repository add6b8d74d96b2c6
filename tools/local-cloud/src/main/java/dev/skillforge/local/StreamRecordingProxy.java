package dev.skillforge.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.skillforge.data.table.TableDesign;

/**
 * LOCAL ONLY. A DynamoDB-protocol proxy in front of dynalite that records what DynamoDB Streams would: for every
 * single-item write (PutItem, UpdateItem, DeleteItem, each item of a BatchWriteItem) it reads the item before and
 * after with consistent GetItems and appends a record with both images when the write changed it (a failed
 * condition or an identical put records nothing, as on AWS). Writes pass through one at a time so the images
 * around each are exact; reads pass straight through. Requests and responses are forwarded byte for byte.
 */
final class StreamRecordingProxy implements AutoCloseable {

    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem");
    /** Headers the JDK client sets itself, or that describe the hop rather than the message. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "date", "keep-alive");

    private final ObjectMapper json = new ObjectMapper();
    private final URI dynalite;
    private final StreamLog log;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ReentrantLock writes = new ReentrantLock(true);
    private final HttpServer server;

    StreamRecordingProxy(URI dynalite, StreamLog log) throws IOException {
        this.dynalite = dynalite;
        this.log = log;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint the functions use as their DynamoDB endpoint override. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
            HttpResponse<byte[]> response = WRITES.contains(operation)
                    ? recordedWrite(exchange, operation, body)
                    : forward(exchange, body);
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        }
    }

    private HttpResponse<byte[]> recordedWrite(HttpExchange exchange, String operation, byte[] body)
            throws IOException, InterruptedException {
        List<TableKey> keys = keysOf(operation, json.readTree(body));
        writes.lock();
        try {
            List<ObjectNode> before = new ArrayList<>();
            for (TableKey key : keys) {
                before.add(read(key));
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            if (response.statusCode() == 200) {
                for (int i = 0; i < keys.size(); i++) {
                    ObjectNode after = read(keys.get(i));
                    if (!java.util.Objects.equals(before.get(i), after)) {
                        log.append(keys.get(i).key(), before.get(i), after);
                    }
                }
            }
            return response;
        } finally {
            writes.unlock();
        }
    }

    private record TableKey(String table, ObjectNode key) {
    }

    private List<TableKey> keysOf(String operation, JsonNode request) {
        List<TableKey> keys = new ArrayList<>();
        switch (operation) {
            case "PutItem" -> keys.add(new TableKey(request.path("TableName").asText(), keyOf(request.path("Item"))));
            case "UpdateItem", "DeleteItem" ->
                keys.add(new TableKey(request.path("TableName").asText(), (ObjectNode) request.path("Key").deepCopy()));
            default -> request.path("RequestItems").properties().forEach(table -> {
                for (JsonNode write : table.getValue()) {
                    JsonNode key = write.has("PutRequest") ? keyOf(write.path("PutRequest").path("Item"))
                            : write.path("DeleteRequest").path("Key");
                    keys.add(new TableKey(table.getKey(), (ObjectNode) key.deepCopy()));
                }
            });
        }
        return keys;
    }

    private ObjectNode keyOf(JsonNode item) {
        ObjectNode key = json.createObjectNode();
        key.set(TableDesign.PK, item.path(TableDesign.PK).deepCopy());
        key.set(TableDesign.SK, item.path(TableDesign.SK).deepCopy());
        return key;
    }

    /** The item as it is now (a consistent read straight from dynalite), or null when absent. */
    private ObjectNode read(TableKey key) throws IOException, InterruptedException {
        ObjectNode request = json.createObjectNode();
        request.put("TableName", key.table());
        request.set("Key", key.key());
        request.put("ConsistentRead", true);
        HttpResponse<byte[]> response = client.send(dynamoRequest("GetItem", json.writeValueAsBytes(request)),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode item = json.readTree(response.body()).get("Item");
        return item instanceof ObjectNode found ? found : null;
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(dynalite.resolve(exchange.getRequestURI().getRawPath()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest dynamoRequest(String operation, byte[] body) {
        return HttpRequest.newBuilder(dynalite)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", TARGET_PREFIX + operation)
                .header("X-Amz-Date", "20260101T000000Z")
                // dynalite checks that a SigV4 header is present and well formed, never the signature itself.
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0")
                .build();
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
