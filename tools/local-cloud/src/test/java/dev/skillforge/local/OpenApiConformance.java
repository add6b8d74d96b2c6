package dev.skillforge.local;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every answer the end-to-end suites receive to docs/openapi.json: the status must be one the operation documents,
 * and the body must validate against that answer's schema for its media type, with a standard JSON Schema 2020-12
 * validator (the dialect of OpenAPI 3.1). A path no template matches must be a 404 problem, a served path asked with
 * another method a 405 problem. Installed for every RestAssured request to the cloud's gateway by {@link TestClouds};
 * the load run reports its exchanges here too. A mismatch throws at once, naming the operation and what differs.
 */
final class OpenApiConformance implements Filter {

    /** The document's own address, so its internal $refs resolve against the loaded copy, never over the network. */
    private static final String DOCUMENT = "https://skillforge.dev/openapi.json";
    private static final String COMPONENTS = "#/components/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVED_ELSEWHERE = List.of("/docs");

    private record Template(String path, Pattern pattern, int literals, JsonNode item) {
    }

    private final URI base;
    private final JsonNode document;
    private final List<Template> templates = new ArrayList<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    OpenApiConformance(URI base, Path documentFile) {
        this.base = base;
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
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(DOCUMENT, definitions)));
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            String regex = "^" + path.getKey().replaceAll("\\{[^}/]+}", "[^/]+") + "$";
            int literals = (int) java.util.Arrays.stream(path.getKey().split("/")).filter(s -> !s.isEmpty() && !s.startsWith("{")).count();
            templates.add(new Template(path.getKey(), Pattern.compile(regex), literals, path.getValue()));
        }
    }

    static OpenApiConformance of(URI base) {
        return new OpenApiConformance(base, TestClouds.root().resolve("docs/openapi.json"));
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        Response answer = context.next(request, response);
        check(request.getMethod(), URI.create(request.getURI()), answer.statusCode(), answer.contentType(), answer.asByteArray());
        return answer;
    }

    /** Checks one exchange with the gateway; answers from elsewhere (the CDN, S3) are not the API's. */
    void check(String method, URI uri, int status, String contentType, byte[] body) {
        if (!sameOrigin(uri) || method.equalsIgnoreCase("OPTIONS")) {
            return;
        }
        String path = uri.getRawPath();
        if (SERVED_ELSEWHERE.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return;
        }
        String where = method + " " + path + " -> " + status;
        Template template = match(path);
        if (template == null) {
            expectProblem(where, 404, status, contentType, body, method);
            return;
        }
        String verb = method.toLowerCase(Locale.ROOT);
        JsonNode operation = template.item().get(verb);
        if (operation == null) {
            expectProblem(where + " (" + template.path() + " does not serve " + method + ")", 405, status, contentType, body, method);
            return;
        }
        String op = method + " " + template.path();
        String pointer = "/paths/" + escape(template.path()) + "/" + verb + "/responses/";
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
        return registry.getSchema(com.networknt.schema.SchemaLocation.of("https://skillforge.dev/answers/" + compiled.size()), copy);
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

    /** The template API Gateway would pick: of those that match, the one with the most literal segments. */
    private Template match(String path) {
        Template best = null;
        for (Template template : templates) {
            if (template.pattern().matcher(path).matches() && (best == null || template.literals() > best.literals())) {
                best = template;
            }
        }
        return best;
    }

    private boolean sameOrigin(URI uri) {
        return uri.getHost() != null && uri.getHost().equalsIgnoreCase(base.getHost()) && uri.getPort() == base.getPort();
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
