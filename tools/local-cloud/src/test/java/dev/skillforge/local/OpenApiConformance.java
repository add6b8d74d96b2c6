package dev.skillforge.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import dev.skillforge.local.gateway.ApiGateway;
import dev.skillforge.web.routes.RouteTable;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every answer the local gateway gives to docs/openapi.json: the status must be one the operation documents, and
 * the body must validate against that answer's schema for its media type, with a standard JSON Schema 2020-12 validator
 * (the OpenAPI 3.1 dialect). The operation is the route the gateway picked ({@link RouteTable#match}, as API Gateway
 * selects among the stack's route keys); with none, the $default route's 405 problem where another method is served
 * and 404 problem elsewhere. {@link TestClouds} has the gateway report every answer here (whoever asked: RestAssured, the load
 * run, the typed client's node process), fails the RestAssured request that received a mismatch, and fails the suite
 * on any other when its cloud stops.
 */
final class OpenApiConformance implements Filter, ApiGateway.AnswerObserver {

    /** The document's own address, so its internal $refs resolve against the loaded copy, never over the network. */
    private static final String DOCUMENT = "https://skillforge.dev/openapi.json";
    private static final String COMPONENTS = "#/components/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicInteger checked = new AtomicInteger();
    private final List<String> violations = new ArrayList<>();
    private int reported;

    OpenApiConformance(Path documentFile) {
        try {
            this.document = JSON.readTree(documentFile.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + documentFile, e);
        }
        // The validator's resource holds the document's schemas as $defs (answers' references are pointed there), and the
        // objects are closed for this check only: a field the functions send that the document does not name fails too
        // (the document itself stays open, so a client generated from it keeps working when a field is added).
        com.fasterxml.jackson.databind.node.ObjectNode schemas = document.path("components").path("schemas").deepCopy();
        schemas.forEach(schema -> {
            absoluteRefs(schema);
            if (schema.has("properties") && !schema.has("additionalProperties")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) schema).put("additionalProperties", false);
            }
        });
        String definitions = JSON.createObjectNode().set("$defs", schemas).toString();
        // Formats asserted, not only annotated (2020-12's default): a date-time that is not one fails.
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(DOCUMENT, definitions))
                .schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    static OpenApiConformance of() {
        return new OpenApiConformance(TestClouds.root().resolve("docs/openapi.json"));
    }

    /** The gateway's report of one answer: a mismatch is kept (the gateway must answer regardless). */
    @Override
    public void answered(String method, String path, int status, String contentType, byte[] body) {
        checked.incrementAndGet();
        try {
            check(method, path, status, contentType, body);
        } catch (AssertionError | RuntimeException e) {
            // kept, never thrown into the gateway: it must answer the client whatever the check finds
            synchronized (violations) {
                violations.add(e instanceof AssertionError ? e.getMessage() : method + " " + path + " -> " + status + ": the check failed: " + e);
            }
        }
    }

    /** A RestAssured request fails at once when its answer (reported by the gateway before it was sent) did not match. */
    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        Response answer = context.next(request, response);
        List<String> fresh = unreported();
        if (!fresh.isEmpty()) {
            throw new AssertionError(String.join("\n", fresh));
        }
        return answer;
    }

    /** How many answers the gateway reported. */
    int checked() {
        return checked.get();
    }

    /** Mismatches not yet reported to a test, once each. */
    List<String> unreported() {
        synchronized (violations) {
            List<String> fresh = List.copyOf(violations.subList(reported, violations.size()));
            reported = violations.size();
            return fresh;
        }
    }

    /** Checks one answer of the gateway; throws naming the operation and what differs. */
    void check(String method, String rawPath, int status, String contentType, byte[] body) {
        String path = rawPath.contains("?") ? rawPath.substring(0, rawPath.indexOf('?')) : rawPath;
        if (method.equalsIgnoreCase("OPTIONS") && status == 204) {
            return; // a CORS preflight, answered by API Gateway or the $default function
        }
        String where = method + " " + path + " -> " + status;
        String verb = method.toLowerCase(Locale.ROOT);
        // The route the local gateway picked, by the route table API Gateway's routes are made from.
        RouteTable.Match route = RouteTable.match(method.toUpperCase(Locale.ROOT), path).orElse(null);
        if (route == null) {
            boolean served = !RouteTable.allowedMethods(path).isEmpty();
            expectProblem(where + (served ? " (the path is served, not with " + method + ")" : " (no route)"),
                    served ? 405 : 404, status, contentType, body, method);
            return;
        }
        String template = route.route().path();
        JsonNode operation = document.path("paths").path(template).get(verb);
        if (operation == null) {
            throw new AssertionError(where + ": the route " + route.route().routeKey() + " is served, but the document has no such operation");
        }
        String op = method + " " + template;
        String pointer = "/paths/" + escape(template) + "/" + verb + "/responses/";
        JsonNode answer = operation.path("responses").get(String.valueOf(status));
        if (answer == null) {
            answer = operation.path("responses").get(status / 100 + "XX");
            pointer += status / 100 + "XX";
        } else {
            pointer += status;
        }
        if (answer == null) {
            throw new AssertionError(op + " answered " + status + ", which the document does not list (it lists "
                    + names(operation.path("responses")) + "): " + excerpt(body));
        }
        boolean empty = body == null || body.length == 0;
        if (empty) {
            // HEAD, 204 and 304 carry no body; any other documented body must be there.
            if (!method.equalsIgnoreCase("HEAD") && status != 204 && status != 304 && answer.path("content").size() > 0) {
                throw new AssertionError(where + ": no body, but " + op + " documents " + names(answer.path("content")));
            }
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = answer.path("content").get(mediaType);
        if (media == null) {
            throw new AssertionError(where + ": a " + mediaType + " body, but " + op + " " + status + " documents "
                    + (answer.path("content").size() == 0 ? "no body" : names(answer.path("content"))) + ": " + excerpt(body));
        }
        validate(where, pointer + "/content/" + escape(mediaType) + "/schema", media.path("schema"), body);
    }

    private void expectProblem(String where, int expected, int status, String contentType, byte[] body, String method) {
        if (status != expected) {
            throw new AssertionError(where + ": expected " + expected + " (no documented operation), got " + status + ": " + excerpt(body));
        }
        if (method.equalsIgnoreCase("HEAD")) {
            return;
        }
        if (!String.valueOf(contentType).startsWith("application/problem+json")) {
            throw new AssertionError(where + ": not a problem document but " + contentType);
        }
        validate(where, "/components/schemas/Problem", JSON.createObjectNode().put("$ref", COMPONENTS + "Problem"), body);
    }

    private void validate(String where, String pointer, JsonNode schemaNode, byte[] body) {
        if (schemaNode.isMissingNode() || schemaNode.isEmpty()) {
            return;
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(where + ": the body is not JSON: " + excerpt(body));
        }
        Schema schema = compiled.computeIfAbsent(pointer, p -> compile(p, schemaNode));
        List<com.networknt.schema.Error> errors = schema.validate(instance);
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder(where + ": the body does not match the document (" + pointer + "):");
            errors.forEach(error -> message.append("\n  ").append(error));
            message.append("\n  body: ").append(excerpt(body));
            throw new AssertionError(message.toString());
        }
    }

    /**
     * The answer's schema as the validator's own document: a copy whose references point to the document's schemas by
     * their absolute address (a $ref resolves against the document it is in).
     */
    private Schema compile(String pointer, JsonNode schemaNode) {
        JsonNode copy = schemaNode.deepCopy();
        absoluteRefs(copy);
        return registry.getSchema(com.networknt.schema.SchemaLocation.of("https://skillforge.dev/answers/" + names.incrementAndGet()), copy);
    }

    private static void absoluteRefs(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.asText().startsWith(COMPONENTS)) {
                object.put("$ref", DOCUMENT + "#/$defs/" + ref.asText().substring(COMPONENTS.length()));
            }
        }
        node.forEach(OpenApiConformance::absoluteRefs);
    }

    /** A JSON pointer token (names the answer in messages). */
    private static String escape(String token) {
        String pointer = token.replace("~", "~0").replace("/", "~1");
        return pointer;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String excerpt(byte[] body) {
        if (body == null) {
            return "(no body)";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
