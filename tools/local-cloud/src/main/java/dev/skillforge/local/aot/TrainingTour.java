package dev.skillforge.local.aot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.skillforge.local.gateway.GatewayClient;

/**
 * What the AOT training run sends through the gateway after the demo data is seeded: every read route of every
 * function, as the roles that use it, plus the common refusals (401, 403, 404, 400) and a few writes, so the cache
 * holds the classes and profiles of the paths real traffic takes, errors included.
 */
public final class TrainingTour {

    private final GatewayClient gateway;
    private final Map<String, String> tokens;
    private int requests;

    public TrainingTour(URI base, Map<String, String> tokens) {
        this.gateway = new GatewayClient(base);
        this.tokens = tokens;
    }

    public int requests() {
        return requests;
    }

    public void run() throws IOException, InterruptedException {
        JsonNode courses = send(null, "GET", "/courses?limit=10", null);
        String courseId = courses.path("items").path(0).path("id").asText("missing");
        send(null, "GET", "/courses?category=programming", null);
        send(null, "GET", "/courses/search?q=java", null);
        send(null, "GET", "/courses/" + courseId, null);
        JsonNode outline = send(null, "GET", "/courses/" + courseId + "/lessons", null);
        send("STUDENT_TOKEN", "GET", "/courses/" + courseId + "/lessons", null);
        String lessonId = outline.path("lessons").path(0).path("id").asText("missing");
        send(null, "GET", "/courses/" + courseId + "/lessons/" + lessonId, null);
        send("STUDENT_TOKEN", "GET", "/courses/" + courseId + "/lessons/" + lessonId, null);
        send(null, "GET", "/courses/top-rated", null);
        send(null, "GET", "/courses/" + courseId + "/rating", null);
        JsonNode reviews = send(null, "GET", "/courses/" + courseId + "/reviews?limit=5", null);
        send(null, "GET", "/reviews/" + courseId + "/" + reviews.path("items").path(0).path("userId").asText("missing"), null);
        send("STUDENT_TOKEN", "GET", "/me", null);
        send("STUDENT_TOKEN", "GET", "/me/enrollments", null);
        send("STUDENT_TOKEN", "GET", "/me/enrollments/" + courseId, null);
        send("STUDENT_TOKEN", "GET", "/me/progress/" + courseId, null);
        send("INSTRUCTOR_TOKEN", "GET", "/courses/" + courseId + "/enrollments", null);
        send("ADMIN_TOKEN", "GET", "/admin/users?role=student", null);
        send("ADMIN_TOKEN", "GET", "/admin/audit?limit=20", null);
        send("STUDENT3_TOKEN", "PUT", "/me", "{\"name\":\"Kai K.\",\"bio\":\"Learning on the go\",\"version\":" + profileVersion() + "}");
        send("INSTRUCTOR_TOKEN", "POST", "/courses/" + courseId + "/assets",
                "{\"kind\":\"cover\",\"contentType\":\"image/png\",\"contentLength\":1024}");
        // HEAD runs its GET; what no route serves comes through API Gateway's $default route.
        send(null, "HEAD", "/courses/" + courseId, null);
        send(null, "GET", "/no-such-route", null);
        send(null, "PATCH", "/courses/" + courseId, null);
        // Refusals: unknown course, invalid paging, a bad token on a public route, a role without the right.
        send(null, "GET", "/courses/no-such-course", null);
        send(null, "GET", "/courses?limit=0", null);
        sendWithToken("not-a-token", "GET", "/courses");
        send("STUDENT_TOKEN", "POST", "/courses", "{\"title\":\"x\"}");
        send("STUDENT_TOKEN", "GET", "/admin/audit", null);
        send("INSTRUCTOR_TOKEN", "POST", "/courses", "{\"title\":\"\",\"category\":\"Not A Slug\"}");
    }

    private long profileVersion() throws IOException, InterruptedException {
        return send("STUDENT3_TOKEN", "GET", "/me", null).path("version").asLong(0);
    }

    private JsonNode send(String tokenVariable, String method, String path, String body) throws IOException, InterruptedException {
        return exchange(tokenVariable == null ? null : tokens.get(tokenVariable), method, path, body);
    }

    private void sendWithToken(String token, String method, String path) throws IOException, InterruptedException {
        exchange(token, method, path, null);
    }

    private JsonNode exchange(String token, String method, String path, String body) throws IOException, InterruptedException {
        requests++;
        HttpResponse<String> response = gateway.send(token, method, path, body);
        if (response.statusCode() >= 500) {
            throw new IllegalStateException("training request failed: " + method + " " + path + " -> " + response.statusCode()
                    + " " + response.body());
        }
        return gateway.read(response.body());
    }
}
