package dev.skillforge.local.dynamodb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.testing.sigv4.RequestSignature;
import dev.skillforge.local.cloudformation.StackTemplate;
import dev.skillforge.local.credentials.LocalCredentials;
import dev.skillforge.local.iam.Policy;

/**
 * LOCAL ONLY. The DynamoDB endpoint the functions call, in front of dynalite, doing what DynamoDB does around the
 * data itself:
 * <ul>
 * <li><b>Authentication and IAM.</b> The SigV4 signature is checked against the credentials the local cloud issued
 * (so a client that does not use the function's role credentials fails here as on AWS), and the call's action on
 * each table or index ARN must be allowed by the role's policy from the synthesized template; otherwise the answer
 * is DynamoDB's AccessDeniedException. A TransactWriteItems is authorized as AWS does it, per action on its item's
 * table: dynamodb:PutItem, UpdateItem, DeleteItem or ConditionCheckItem (there is no TransactWriteItems permission).
 * Every end-to-end test is therefore a permissions test.</li>
 * <li><b>Eventual consistency.</b> Reads DynamoDB may serve eventually consistent are answered from a
 * {@link ReadReplica} that receives writes after a lag.</li>
 * <li><b>Streams.</b> For every single-item write (PutItem, UpdateItem, DeleteItem, each item of a BatchWriteItem,
 * each Put, Update and Delete of a TransactWriteItems) the item is read before and after with consistent reads (a
 * GetItem, or one BatchGetItem for the items of a batch or transaction) and a record with both images is appended to
 * the {@link StreamLog} when the write changed it (a failed condition, a cancelled transaction, a transaction repeated
 * with its ClientRequestToken, or an identical put records nothing, as on AWS; a ConditionCheck never changes its
 * item). Writes pass one at a time so the images around each are exact.</li>
 * </ul>
 * Requests and responses are otherwise forwarded byte for byte.
 */
public final class DynamoDbEndpoint implements AutoCloseable {

    /** The meter's name for calls made without credentials (a cloud started without IAM). */
    public static final String UNSIGNED = "(unsigned)";
    private static final String RETURN_CAPACITY = "ReturnConsumedCapacity";
    private static final String CONSUMED_CAPACITY = "ConsumedCapacity";
    private static final String CRC32_HEADER = "x-amz-crc32";
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
    /** The IAM action each kind of TransactWriteItems action is authorized as. */
    private static final Map<String, String> TRANSACT_ACTIONS = Map.of("Put", "dynamodb:PutItem", "Update", "dynamodb:UpdateItem",
            "Delete", "dynamodb:DeleteItem", "ConditionCheck", "dynamodb:ConditionCheckItem");
    /** Headers the JDK client sets itself, or that describe the hop rather than the message. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "date", "keep-alive");

    /** A call the role's policy did not allow: who, what, on which resource. */
    public record Denial(String functionName, String action, String resource) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final URI dynalite;
    private final StreamLog log;
    private final ReadReplica replica;
    private final LocalCredentials credentials;
    private final Consumer<String> out;
    private final List<Denial> denials = new CopyOnWriteArrayList<>();
    private final CapacityMeter capacity = new CapacityMeter();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ReentrantLock writes = new ReentrantLock(true);
    private final HttpServer server;

    /** {@code replica} null: every read is strongly consistent; {@code credentials} null: no signature or IAM check. */
    public DynamoDbEndpoint(URI dynalite, StreamLog log, ReadReplica replica, LocalCredentials credentials, Consumer<String> out)
            throws IOException {
        this.dynalite = dynalite;
        this.log = log;
        this.replica = replica;
        this.credentials = credentials;
        this.out = out;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint the functions use as their DynamoDB endpoint override. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The read and write units each function consumed so far. */
    public CapacityMeter capacity() {
        return capacity;
    }

    /** Every call refused by IAM so far. */
    public List<Denial> denials() {
        return List.copyOf(denials);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null && target.startsWith(DynamoDbJson.TARGET_PREFIX)
                    ? target.substring(DynamoDbJson.TARGET_PREFIX.length()) : "";
            JsonNode request = json.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
            String caller = UNSIGNED;
            if (credentials != null) {
                Authorization authorization = authorize(exchange, operation, request, body);
                if (authorization.refusal() != null) {
                    byte[] error = authorization.refusal().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                    exchange.sendResponseHeaders(400, error.length);
                    exchange.getResponseBody().write(error);
                    return;
                }
                caller = authorization.functionName();
            }
            HttpResponse<byte[]> response;
            byte[] answer;
            if (WRITES.contains(operation)) {
                response = recordedWrite(exchange, caller, operation, request, body);
                answer = response.body();
            } else {
                URI to = eventuallyConsistent(operation, request) ? replica.endpoint() : dynalite;
                response = meteredRead(exchange, caller, operation, to, request, body);
                answer = withoutUnaskedCapacity(request, response.body());
            }
            byte[] sent = answer;
            response.headers().map().forEach((name, values) -> {
                if (name.equalsIgnoreCase(CRC32_HEADER) && sent != response.body()) {
                    exchange.getResponseHeaders().add(name, Long.toString(crc32(sent)));
                } else if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), sent.length == 0 ? -1 : sent.length);
            exchange.getResponseBody().write(sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        }
    }

    /**
     * A read forwarded with ReturnConsumedCapacity (dynalite charges reads by DynamoDB's rules), its units added to the
     * caller's meter.
     */
    private HttpResponse<byte[]> meteredRead(HttpExchange exchange, String caller, String operation, URI to, JsonNode request, byte[] body)
            throws IOException, InterruptedException {
        byte[] forwarded = body;
        if (request instanceof ObjectNode asked && !askedForCapacity(asked)) {
            ObjectNode metered = asked.deepCopy();
            metered.put(RETURN_CAPACITY, "TOTAL");
            forwarded = json.writeValueAsBytes(metered);
        }
        HttpResponse<byte[]> response = forward(exchange, to, forwarded);
        double units = 0;
        if (response.statusCode() == 200) {
            JsonNode consumed = json.readTree(response.body()).path(CONSUMED_CAPACITY);
            for (JsonNode entry : consumed.isArray() ? consumed : List.of(consumed)) {
                units += entry.path("CapacityUnits").asDouble(0);
            }
            if (units == 0 && (operation.equals("Query") || operation.equals("Scan"))) {
                // DynamoDB charges a Query or Scan that reads nothing as one read (dynalite charges nothing)
                units = request.path("ConsistentRead").asBoolean(false) ? 1 : 0.5;
            }
        }
        capacity.add(caller, units, 0);
        return response;
    }

    /** The answer as the caller asked for it: without the consumed capacity the meter added to its request. */
    private byte[] withoutUnaskedCapacity(JsonNode request, byte[] answer) throws IOException {
        if (askedForCapacity(request) || answer.length == 0) {
            return answer;
        }
        JsonNode parsed = json.readTree(answer);
        if (parsed instanceof ObjectNode object && object.has(CONSUMED_CAPACITY)) {
            object.remove(CONSUMED_CAPACITY);
            return json.writeValueAsBytes(object);
        }
        return answer;
    }

    private static boolean askedForCapacity(JsonNode request) {
        String asked = request.path(RETURN_CAPACITY).asText("NONE");
        return asked.equals("TOTAL") || asked.equals("INDEXES");
    }

    private static long crc32(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Who called (the function the credentials were issued to), or DynamoDB's error body when refused. */
    private record Authorization(String functionName, String refusal) {
    }

    /** The caller when the signature is valid and the policy allows every resource the call touches; else the refusal. */
    private Authorization authorize(HttpExchange exchange, String operation, JsonNode request, byte[] body) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        URI uri = URI.create("http://" + headers.get("host") + exchange.getRequestURI());
        RequestSignature.Outcome<LocalCredentials.Session> signature = RequestSignature.verifyHeader(exchange.getRequestMethod(), uri,
                headers, body, "dynamodb", StackTemplate.REGION, credentials::byAccessKey);
        if (!signature.verified()) {
            return new Authorization(null, error(signature.errorCode(), signature.message()));
        }
        Policy policy = signature.session().policy();
        for (Permission needed : permissionsOf(operation, request)) {
            if (!policy.allows(needed.action(), needed.resource())) {
                denials.add(new Denial(signature.session().functionName(), needed.action(), needed.resource()));
                out.accept("dynamodb  AccessDenied " + signature.session().functionName() + " " + needed.action() + " " + needed.resource());
                return new Authorization(null, error("AccessDeniedException",
                        Policy.deniedMessage(signature.session().principalArn(), needed.action(), needed.resource())));
            }
        }
        return new Authorization(signature.session().functionName(), null);
    }

    /** One IAM check: an action on a resource ARN. */
    private record Permission(String action, String resource) {
    }

    /**
     * What IAM checks for a call: the operation's action on its table, on the index a Query or Scan names, on each
     * table of a batch; for TransactWriteItems each action's own permission on its item's table.
     */
    private static List<Permission> permissionsOf(String operation, JsonNode request) {
        List<Permission> permissions = new ArrayList<>();
        String action = "dynamodb:" + operation;
        if (operation.equals("TransactWriteItems")) {
            for (JsonNode transactItem : request.path("TransactItems")) {
                TRANSACT_ACTIONS.forEach((kind, permission) -> {
                    if (transactItem.hasNonNull(kind)) {
                        permissions.add(new Permission(permission, StackTemplate.tableArn(transactItem.get(kind).path("TableName").asText())));
                    }
                });
            }
        } else if (operation.startsWith("Batch")) {
            request.path("RequestItems").properties()
                    .forEach(table -> permissions.add(new Permission(action, StackTemplate.tableArn(table.getKey()))));
        } else {
            String table = StackTemplate.tableArn(request.path("TableName").asText());
            permissions.add(new Permission(action,
                    request.hasNonNull("IndexName") ? table + "/index/" + request.get("IndexName").asText() : table));
        }
        return permissions;
    }

    private String error(String code, String message) throws IOException {
        ObjectNode error = json.createObjectNode();
        error.put("__type", "com.amazon.coral.service#" + code);
        error.put("Message", message);
        return json.writeValueAsString(error);
    }

    /** Reads DynamoDB may answer from a replica that has not caught up: no ConsistentRead, or any index query. */
    private boolean eventuallyConsistent(String operation, JsonNode request) {
        if (replica == null || !replica.enabled()) {
            return false;
        }
        return switch (operation) {
            case "GetItem", "Scan" -> !request.path("ConsistentRead").asBoolean(false) || request.hasNonNull("IndexName");
            case "Query" -> !request.path("ConsistentRead").asBoolean(false) || request.hasNonNull("IndexName");
            case "BatchGetItem" -> {
                boolean anyConsistent = false;
                for (var table : request.path("RequestItems").properties()) {
                    anyConsistent |= table.getValue().path("ConsistentRead").asBoolean(false);
                }
                yield !anyConsistent;
            }
            default -> false;
        };
    }

    private HttpResponse<byte[]> recordedWrite(HttpExchange exchange, String caller, String operation, JsonNode request, byte[] body)
            throws IOException, InterruptedException {
        List<TableKey> keys = keysOf(operation, request);
        writes.lock();
        try {
            List<ObjectNode> before = readAll(keys);
            HttpResponse<byte[]> response = forward(exchange, dynalite, body);
            boolean transaction = operation.equals("TransactWriteItems");
            double units = 0;
            if (response.statusCode() == 200) {
                List<ObjectNode> afterAll = readAll(keys);
                for (int i = 0; i < keys.size(); i++) {
                    if (keys.get(i).conditionCheck()) {
                        units += 2 * CapacityRules.failedConditionUnits(before.get(i)); // a check reads, at write rates
                        continue;
                    }
                    ObjectNode after = afterAll.get(i);
                    units += transaction ? CapacityRules.transactionalWriteUnits(before.get(i), after)
                            : CapacityRules.writeUnits(before.get(i), after);
                    if (!Objects.equals(before.get(i), after)) {
                        log.append(keys.get(i).key(), before.get(i), after);
                        if (replica != null) {
                            replica.replicate(keys.get(i).table(), keys.get(i).key(), after);
                        }
                    }
                }
            } else if (conditionFailed(response.body())) {
                // a failed condition (or a transaction it cancelled) still costs each item's size
                for (int i = 0; i < keys.size(); i++) {
                    units += (transaction ? 2 : 1) * CapacityRules.failedConditionUnits(before.get(i));
                }
            }
            capacity.add(caller, 0, units);
            return response;
        } finally {
            writes.unlock();
        }
    }

    private boolean conditionFailed(byte[] answer) throws IOException {
        String type = json.readTree(answer).path("__type").asText("");
        return type.endsWith("ConditionalCheckFailedException") || type.endsWith("TransactionCanceledException");
    }

    /** An item a write names; {@code conditionCheck}: a transaction's ConditionCheck, which never changes it. */
    private record TableKey(String table, ObjectNode key, boolean conditionCheck) {

        TableKey(String table, ObjectNode key) {
            this(table, key, false);
        }
    }

    private List<TableKey> keysOf(String operation, JsonNode request) {
        List<TableKey> keys = new ArrayList<>();
        switch (operation) {
            case "PutItem" -> keys.add(new TableKey(request.path("TableName").asText(), keyOf(request.path("Item"))));
            case "UpdateItem", "DeleteItem" ->
                keys.add(new TableKey(request.path("TableName").asText(), (ObjectNode) request.path("Key").deepCopy()));
            case "TransactWriteItems" -> {
                // every item a transaction names, in request order; a ConditionCheck changes nothing
                for (JsonNode transactItem : request.path("TransactItems")) {
                    if (transactItem.hasNonNull("ConditionCheck")) {
                        JsonNode check = transactItem.get("ConditionCheck");
                        keys.add(new TableKey(check.path("TableName").asText(), (ObjectNode) check.path("Key").deepCopy(), true));
                    } else if (transactItem.hasNonNull("Put")) {
                        JsonNode put = transactItem.get("Put");
                        keys.add(new TableKey(put.path("TableName").asText(), keyOf(put.path("Item"))));
                    } else {
                        JsonNode write = transactItem.hasNonNull("Update") ? transactItem.get("Update") : transactItem.path("Delete");
                        if (write.isObject()) {
                            keys.add(new TableKey(write.path("TableName").asText(), (ObjectNode) write.path("Key").deepCopy()));
                        }
                    }
                }
            }
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

    /** BatchGetItem's limit of keys per call. */
    private static final int BATCH_GET_KEYS = 100;

    /**
     * The items as they are now, in the order of {@code keys} (null where absent): one consistent GetItem for a single
     * item, consistent BatchGetItems for the items of a batch or transaction, so a write of 99 items costs the endpoint
     * two reads around it rather than 198 (the images are the same; writes still pass one at a time).
     */
    private List<ObjectNode> readAll(List<TableKey> keys) throws IOException, InterruptedException {
        if (keys.size() == 1) {
            List<ObjectNode> one = new ArrayList<>();
            one.add(read(keys.get(0)));
            return one;
        }
        Map<String, Map<ObjectNode, ObjectNode>> found = new java.util.HashMap<>();
        Map<String, List<ObjectNode>> wanted = new java.util.LinkedHashMap<>();
        for (TableKey key : keys) {
            List<ObjectNode> ofTable = wanted.computeIfAbsent(key.table(), table -> new ArrayList<>());
            if (!ofTable.contains(key.key())) {
                ofTable.add(key.key());
            }
        }
        for (Map.Entry<String, List<ObjectNode>> table : wanted.entrySet()) {
            Map<ObjectNode, ObjectNode> items = found.computeIfAbsent(table.getKey(), name -> new java.util.HashMap<>());
            List<ObjectNode> all = table.getValue();
            for (int from = 0; from < all.size(); from += BATCH_GET_KEYS) {
                batchRead(table.getKey(), all.subList(from, Math.min(all.size(), from + BATCH_GET_KEYS)), items);
            }
        }
        List<ObjectNode> images = new ArrayList<>();
        for (TableKey key : keys) {
            images.add(found.get(key.table()).get(key.key()));
        }
        return images;
    }

    /** One consistent BatchGetItem of keys of one table (again for any unprocessed keys), the items put by their key. */
    private void batchRead(String table, List<ObjectNode> keys, Map<ObjectNode, ObjectNode> into) throws IOException, InterruptedException {
        List<ObjectNode> pending = keys;
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == 10) {
                throw new IOException("BatchGetItem kept returning unprocessed keys");
            }
            ObjectNode request = json.createObjectNode();
            ObjectNode ofTable = request.putObject("RequestItems").putObject(table);
            ofTable.put("ConsistentRead", true);
            pending.forEach(ofTable.putArray("Keys")::add);
            HttpResponse<byte[]> response = client.send(DynamoDbJson.request(dynalite, "BatchGetItem", json.writeValueAsBytes(request)),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = json.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IOException("BatchGetItem of a write's images failed: " + answer);
            }
            for (JsonNode item : answer.path("Responses").path(table)) {
                into.put(keyOf(item), (ObjectNode) item);
            }
            List<ObjectNode> unprocessed = new ArrayList<>();
            answer.path("UnprocessedKeys").path(table).path("Keys").forEach(key -> unprocessed.add((ObjectNode) key));
            pending = unprocessed;
        }
    }

    /** The item as it is now (a consistent read straight from dynalite), or null when absent. */
    private ObjectNode read(TableKey key) throws IOException, InterruptedException {
        ObjectNode request = json.createObjectNode();
        request.put("TableName", key.table());
        request.set("Key", key.key());
        request.put("ConsistentRead", true);
        HttpResponse<byte[]> response = client.send(DynamoDbJson.request(dynalite, "GetItem", json.writeValueAsBytes(request)),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode item = json.readTree(response.body()).get("Item");
        return item instanceof ObjectNode found ? found : null;
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, URI to, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(to.resolve(exchange.getRequestURI().getRawPath()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
