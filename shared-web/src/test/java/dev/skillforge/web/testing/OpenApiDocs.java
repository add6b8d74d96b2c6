package dev.skillforge.web.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.testing.Dynalite;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keeps docs/openapi/<function>.json equal to what the running function serves at /q/openapi, and docs/openapi.json
 * equal to the merge of all of them (paths, schemas, security schemes). Rewrite both with -Dopenapi.write=true.
 */
public final class OpenApiDocs {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private OpenApiDocs() {
    }

    public static void check(String function) throws Exception {
        Path docs = Dynalite.home().getParent().getParent().resolve("docs");
        Path own = docs.resolve("openapi/" + function + ".json");
        String served = normalize(JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asString()));
        boolean write = Boolean.getBoolean("openapi.write");
        if (write || !Files.exists(own)) {
            Files.createDirectories(own.getParent());
            Files.writeString(own, served);
        }
        assertEquals(served, Files.readString(own), "docs/openapi/" + function + ".json is stale: rerun with -Dopenapi.write=true");

        Path merged = docs.resolve("openapi.json");
        String expected = merge(docs.resolve("openapi"));
        if (write || !Files.exists(merged)) {
            Files.writeString(merged, expected);
        }
        assertEquals(expected, Files.readString(merged), "docs/openapi.json is stale: rerun with -Dopenapi.write=true");
    }

    static String merge(Path dir) throws Exception {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "SkillForge API");
        info.put("version", "0.1.0");
        info.put("description", "Every HTTP route of every SkillForge function, merged from docs/openapi/*.json. "
                + "Errors are RFC 9457 application/problem+json documents.");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode security = components.putObject("securitySchemes");
        Map<String, JsonNode> parts = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                parts.put(file.getFileName().toString().replace(".json", ""), JSON.readTree(file.toFile()));
            }
        }
        for (Map.Entry<String, JsonNode> part : parts.entrySet()) {
            copy(part.getValue().path("paths"), paths, part.getKey());
            copy(part.getValue().path("components").path("schemas"), schemas, null);
            copy(part.getValue().path("components").path("securitySchemes"), security, null);
        }
        return normalize(merged);
    }

    /** Copies fields; operations are tagged with the function that serves them, so the reference groups by service. */
    private static void copy(JsonNode from, ObjectNode to, String function) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue().deepCopy();
            if (function != null && value instanceof ObjectNode path) {
                path.fields().forEachRemaining(op -> {
                    if (op.getValue() instanceof ObjectNode operation) {
                        operation.putArray("tags").add(function);
                    }
                });
                if (to.get(field.getKey()) instanceof ObjectNode existing) {
                    existing.setAll(path);
                    continue;
                }
            }
            to.set(field.getKey(), value);
        }
    }

    private static String normalize(JsonNode node) throws Exception {
        Object sorted = JSON.treeToValue(node, Object.class);
        return JSON.writeValueAsString(sorted) + "\n";
    }
}
