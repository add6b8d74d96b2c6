package dev.skillforge.local.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * LOCAL ONLY: the interactive API reference at {@code /docs} on the gateway's port. Swagger UI (the org.webjars build,
 * served from the classpath) renders the merged OpenAPI document of every function (docs/openapi.json, operations
 * tagged by function), with this gateway as its server, so a printed token can be pasted into "Authorize" and any
 * route tried against the live local API.
 */
public final class ApiReferencePage implements HttpHandler {

    public static final String PATH = "/docs";
    /** Keep in step with the org.webjars:swagger-ui version in tools/local-cloud/pom.xml. */
    public static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1/";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript", "css", "text/css", "png", "image/png",
            "html", "text/html; charset=utf-8", "json", "application/json", "map", "application/json");

    private final byte[] document;

    public ApiReferencePage(Path openApi, URI server) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode merged = (ObjectNode) json.readTree(Files.readAllBytes(openApi));
        merged.putArray("servers").addObject().put("url", server.toString()).put("description", "this local run");
        ObjectNode info = merged.with("info");
        info.put("description", info.path("description").asText("") + "\n\nLocal run: paste a token from .local/tokens.env "
                + "into Authorize (without \"Bearer \").");
        this.document = json.writeValueAsBytes(merged);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals(PATH) || path.equals(PATH + "/")) {
                send(exchange, 200, TYPES.get("html"), page().getBytes(StandardCharsets.UTF_8));
            } else if (path.equals(PATH + "/openapi.json")) {
                send(exchange, 200, TYPES.get("json"), document);
            } else if (path.startsWith(PATH + "/ui/") && !path.contains("..")) {
                String file = path.substring((PATH + "/ui/").length());
                try (InputStream in = ApiReferencePage.class.getClassLoader().getResourceAsStream(SWAGGER_UI + file)) {
                    if (in == null) {
                        send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                    } else {
                        String extension = file.substring(file.lastIndexOf('.') + 1);
                        send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), in.readAllBytes());
                    }
                }
            } else {
                send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String page() {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>SkillForge API (local run)</title>
                  <link rel="stylesheet" href="/docs/ui/swagger-ui.css">
                </head>
                <body>
                  <div id="api"></div>
                  <script src="/docs/ui/swagger-ui-bundle.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({
                      url: "/docs/openapi.json",
                      dom_id: "#api",
                      deepLinking: true,
                      tagsSorter: "alpha",
                      displayRequestDuration: true,
                      persistAuthorization: false
                    });
                  </script>
                </body>
                </html>
                """;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
