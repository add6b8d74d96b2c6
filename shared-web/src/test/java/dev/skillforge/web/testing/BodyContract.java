package dev.skillforge.web.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.testing.TestTable;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The request-body contract every route that takes a body keeps (docs/problems.md), checked the same way in every
 * function: a body that is not JSON in UTF-8, is not one JSON object, repeats a key, is over 1 MiB or has a field of
 * the wrong type gets its problem document, naming {@code body} or the field, and the table is exactly as before.
 */
public final class BodyContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Words that would betray the server's internals in a problem document. */
    private static final List<String> INTERNALS = List.of("java.", "jackson", "Exception", "line:", "column:", "Source:", "dev.skillforge");

    private BodyContract() {
    }

    /**
     * A route that takes a JSON object: its method and path (with ids filled in), the caller's token, and a body it
     * accepts; fields are kept in order, the first is the one the duplicate-key case repeats.
     */
    public record Route(String method, String path, String token, Map<String, Object> validBody) {

        public Route {
            validBody = new LinkedHashMap<>(validBody);
        }

        String json() {
            return BodyContract.json(validBody);
        }

        String firstField() {
            return validBody.keySet().iterator().next();
        }
    }

    /** Every malformed, mis-encoded, oversized or non-JSON variant of the route's valid body. */
    public static void refusesBadBodies(Route route) {
        String json = route.json();
        String first = route.firstField();
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        // the media type
        refused(route, "text/plain", utf8, 415, "unsupported-media-type", null);
        refused(route, null, utf8, 415, "unsupported-media-type", null);
        refused(route, "application/xml", utf8, 415, "unsupported-media-type", null);
        refused(route, "application/x-www-form-urlencoded", "a=b".getBytes(StandardCharsets.UTF_8), 415, "unsupported-media-type", null);
        refused(route, "application/json; charset=ISO-8859-1", utf8, 415, "unsupported-media-type", null);
        refused(route, "application/json; charset=utf-16", utf8, 415, "unsupported-media-type", null);
        // the encoding: Latin-1 bytes, UTF-16, and the replacement character API Gateway puts where bytes were not UTF-8
        refused(route, "application/json", insertAfterFirstQuote(utf8, new byte[] { (byte) 0xE9 }), 400, "validation", "body");
        refused(route, "application/json", insertAfterFirstQuote(utf8, new byte[] { (byte) 0xC3 }), 400, "validation", "body");
        refused(route, "application/json", json.getBytes(StandardCharsets.UTF_16LE), 400, "validation", "body");
        refused(route, "application/json", json.getBytes(StandardCharsets.UTF_16BE), 400, "validation", "body");
        refused(route, "application/json", insertAfterFirstQuote(utf8, "\uFFFD".getBytes(StandardCharsets.UTF_8)), 400, "validation", "body");
        // the document
        refused(route, "application/json", new byte[0], 400, "validation", "body");
        refused(route, "application/json", bytes("null"), 400, "validation", "body");
        refused(route, "application/json", bytes(json.substring(0, json.length() - 1)), 400, "validation", "body");
        refused(route, "application/json", bytes(json + " x"), 400, "validation", "body");
        refused(route, "application/json", bytes(json + json), 400, "validation", "body");
        refused(route, "application/json", bytes(json + "}"), 400, "validation", "body");
        refused(route, "application/json", bytes("[" + json + "]"), 400, "validation", "body");
        refused(route, "application/json", bytes("\"" + first + "\""), 400, "validation", "body");
        refused(route, "application/json", bytes("{'" + first + "': 1}"), 400, "validation", "body");
        refused(route, "application/json", bytes("{/* comment */ \"" + first + "\": 1}"), 400, "validation", "body");
        // the same key twice, with the same value or another
        String firstValue = json(route.validBody().get(first));
        refused(route, "application/json", bytes("{\"" + first + "\":" + firstValue + "," + json.substring(1)), 400, "validation", first);
        refused(route, "application/json", bytes(json.substring(0, json.length() - 1) + ",\"" + first + "\":" + firstValue + "}"), 400,
                "validation", first);
        // over 1 MiB, though valid JSON (whitespace)
        refused(route, "application/json", bytes(json.substring(0, json.length() - 1) + " ".repeat(1024 * 1024) + "}"), 413, "too-large",
                null);
        // and the media type exactly as it should be, with the harmless UTF-8 charset, is read (its answer is the route's)
        given().contentType("application/json; charset=UTF-8").header("Authorization", TestTokens.bearer(route.token()))
                .body(utf8).request(route.method(), route.path()).then().statusCode(not(415));
    }

    /**
     * Each top-level field of the valid body replaced by values of other JSON types: 400 naming the field with what it must
     * be; no number becomes a text or a text a number, no decimal is cut to a whole number, no single value becomes a list.
     */
    public static void refusesWrongTypes(Route route) {
        for (Map.Entry<String, Object> field : route.validBody().entrySet()) {
            Object value = field.getValue();
            List<String> others = new ArrayList<>();
            String message;
            if (value instanceof String) {
                others.addAll(List.of("42", "4.2", "true", "false", "[\"x\"]", "{\"x\":\"y\"}"));
                message = "must be a string";
            } else if (value instanceof Integer || value instanceof Long) {
                others.addAll(List.of("\"1\"", "\"\"", "1.5", "1.0", "1e2", "true", "[1]", "{\"n\":1}"));
                message = "must be a whole number";
            } else if (value instanceof List<?>) {
                others.addAll(List.of("\"x\"", "1", "true", "{\"x\":\"y\"}", "\"\""));
                message = "must be a list";
            } else if (value instanceof Map<?, ?>) {
                others.addAll(List.of("\"x\"", "1", "true", "[]", "\"\""));
                message = "must be an object";
            } else {
                throw new IllegalArgumentException("no wrong types known for " + field.getKey());
            }
            for (String other : others) {
                refusedWith(route, withRaw(route.validBody(), field.getKey(), other), field.getKey(), message);
            }
        }
    }

    /** The valid body with {@code field} set to the raw JSON {@code value}, sent: 400 naming {@code expectedField} with {@code message}. */
    public static void refusedWith(Route route, String body, String expectedField, String message) {
        String before = tableSnapshot();
        try {
            ValidatableResponse response = send(route, "application/json", bytes(body));
            Http.problem(response, 400, "validation").body("errors[0].field", equalTo(expectedField))
                    .body("errors[0].message", equalTo(message)).body("errors.size()", equalTo(1));
            noInternals(response);
        } catch (AssertionError failed) {
            throw new AssertionError(route.method() + " " + route.path() + " " + body + ": " + failed.getMessage(), failed);
        }
        assertEquals(before, tableSnapshot(), () -> "the table changed after " + body);
    }

    /** The JSON of the body with one field's value replaced by raw JSON text (added if absent). */
    public static String withRaw(Map<String, Object> body, String field, String rawValue) {
        StringBuilder out = new StringBuilder("{");
        boolean replaced = false;
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            out.append(out.length() > 1 ? "," : "").append(json(entry.getKey())).append(':');
            if (entry.getKey().equals(field)) {
                out.append(rawValue);
                replaced = true;
            } else {
                out.append(json(entry.getValue()));
            }
        }
        if (!replaced) {
            out.append(out.length() > 1 ? "," : "").append(json(field)).append(':').append(rawValue);
        }
        return out.append('}').toString();
    }

    /** Every item of the test table, in one string: equal before and after means nothing was written. */
    public static String tableSnapshot() {
        List<String> items = new ArrayList<>();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> from = start;
            ScanResponse page = TestTable.client().scan(b -> b.tableName(TestTable.NAME).consistentRead(true).exclusiveStartKey(from));
            page.items().forEach(item -> items.add(new java.util.TreeMap<>(item).toString()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        items.sort(null);
        return String.join("\n", items);
    }

    private static void refused(Route route, String contentType, byte[] body, int status, String type, String field) {
        String before = tableSnapshot();
        String sent = route.method() + " " + route.path() + " (" + contentType + ") "
                + new String(body, 0, Math.min(body.length, 120), StandardCharsets.ISO_8859_1);
        try {
            ValidatableResponse response = send(route, contentType, body);
            Http.problem(response, status, type);
            if (field != null) {
                response.body("errors[0].field", equalTo(field)).body("errors.size()", equalTo(1));
            }
            noInternals(response);
        } catch (AssertionError failed) {
            throw new AssertionError(sent + ": " + failed.getMessage(), failed);
        }
        assertEquals(before, tableSnapshot(), () -> "the table changed after " + sent);
    }

    private static ValidatableResponse send(Route route, String contentType, byte[] body) {
        RequestSpecification request = given().header("Authorization", TestTokens.bearer(route.token()));
        request = contentType == null ? request.noContentType() : request.contentType(contentType);
        if (body.length > 0 && contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            request = request.body(new String(body, StandardCharsets.UTF_8)); // RestAssured encodes form bodies from text only
        } else if (body.length > 0) {
            request = request.body(body);
        }
        return request.request(route.method(), route.path()).then();
    }

    private static void noInternals(ValidatableResponse response) {
        for (String internal : INTERNALS) {
            response.body(not(containsString(internal)));
        }
    }

    private static byte[] insertAfterFirstQuote(byte[] json, byte[] inserted) {
        int quote = indexOf(json, (byte) '"');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(json, 0, quote + 1);
        out.writeBytes(inserted);
        out.write(json, quote + 1, json.length - quote - 1);
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no string in the body");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
