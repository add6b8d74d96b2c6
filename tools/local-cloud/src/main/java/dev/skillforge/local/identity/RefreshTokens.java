package dev.skillforge.local.identity;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.testing.cognito.LocalCognito;

/**
 * LOCAL ONLY. {@code ./run-local.sh tokens}: new access tokens for the demo users from the running local cloud's
 * user pool, the way a client refreshes: {@code InitiateAuth} (REFRESH_TOKEN_AUTH) with each refresh token the local
 * cloud kept in {@code <state>/cognito/session.json}, then {@code <state>/tokens.env} rewritten. A refused refresh
 * (user disabled, signed out or deleted through the admin API) is written as a comment with Cognito's reason, so a
 * role change or a lock-out is visible without restarting.
 */
public final class RefreshTokens {

    /** The running pool's endpoint, client, the gateway's address and each demo user's refresh token. */
    public static final String SESSION_FILE = "cognito/session.json";
    /** The local pool's tokens last this long; the tokens file says so. */
    public static final int TOKEN_MINUTES = 12 * 60;

    /** A demo user's sign-in: its tokens-file variable, username and refresh token. */
    public record SignIn(String variable, String username, String refreshToken) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RefreshTokens() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(".local");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--state") && i + 1 < args.length) {
                state = Path.of(args[++i]);
            } else {
                System.err.println("usage: RefreshTokens [--state .local]");
                System.exit(2);
            }
        }
        int status = run(state, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Refreshes every kept sign-in and rewrites the tokens file; the exit status (1: the local cloud is not running). */
    public static int run(Path state, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Path session = state.resolve(SESSION_FILE);
        if (!Files.isRegularFile(session)) {
            err.println("no local run state in " + session + ": start ./run-local.sh first");
            return 2;
        }
        JsonNode saved = JSON.readTree(session.toFile());
        URI endpoint = URI.create(saved.path("endpoint").asText());
        String clientId = saved.path("clientId").asText();
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (var user : saved.path("users").properties()) {
                String variable = user.getKey();
                String username = user.getValue().path("username").asText();
                JsonNode answer;
                int status;
                try {
                    HttpResponse<String> response = http.send(initiateAuth(endpoint, clientId, user.getValue().path("refreshToken").asText()),
                            HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    answer = JSON.readTree(response.body());
                } catch (ConnectException e) {
                    err.println("the local cloud is not running: nothing answers at " + endpoint + " (start ./run-local.sh)");
                    return 1;
                }
                if (status == 200) {
                    tokens.put(variable, answer.path("AuthenticationResult").path("AccessToken").asText());
                } else {
                    refused.put(variable, username + ": refresh refused: " + answer.path("__type").asText() + " "
                            + answer.path("message").asText());
                }
            }
        }
        Files.writeString(state.resolve("tokens.env"), tokensEnv(URI.create(saved.path("api").asText()), tokens, refused));
        out.println("refreshed " + tokens.size() + " token(s) in " + state.resolve("tokens.env"));
        refused.forEach((variable, reason) -> out.println("  " + variable + " not refreshed: " + reason));
        return 0;
    }

    private static HttpRequest initiateAuth(URI endpoint, String clientId, String refreshToken) {
        ObjectNode body = JSON.createObjectNode();
        body.put("AuthFlow", "REFRESH_TOKEN_AUTH");
        body.put("ClientId", clientId);
        body.putObject("AuthParameters").put("REFRESH_TOKEN", refreshToken);
        return HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("X-Amz-Target", LocalCognito.TARGET_PREFIX + "InitiateAuth")
                .header("Content-Type", LocalCognito.CONTENT_TYPE)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    /** The tokens file: the API's address, a token per user, and a comment for each user that got none and why. */
    public static String tokensEnv(URI api, Map<String, String> tokens, Map<String, String> refused) {
        StringBuilder file = new StringBuilder("# dev-only tokens (12 hours) trusted only by the local run; source this file;"
                + " ./run-local.sh tokens refreshes them\n");
        file.append("API=").append(api).append('\n');
        tokens.forEach((variable, token) -> file.append(variable).append('=').append(token).append('\n'));
        refused.forEach((variable, reason) -> file.append("# ").append(variable).append(" not issued: ")
                .append(reason.replace('\n', ' ')).append('\n'));
        return file.toString();
    }

    /** What this command needs from the running local cloud. */
    public static void writeSession(Path state, URI cognitoEndpoint, String clientId, URI api, Iterable<SignIn> signIns) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("endpoint", cognitoEndpoint.toString());
        root.put("clientId", clientId);
        root.put("api", api.toString());
        ObjectNode users = root.putObject("users");
        signIns.forEach(signIn -> users.putObject(signIn.variable()).put("username", signIn.username())
                .put("refreshToken", signIn.refreshToken()));
        Path file = state.resolve(SESSION_FILE);
        Files.createDirectories(file.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    /** The refresh tokens a previous run kept, by tokens-file variable (none when there was no run). */
    public static Map<String, String> keptRefreshTokens(Path state) throws IOException {
        Map<String, String> kept = new LinkedHashMap<>();
        Path file = state.resolve(SESSION_FILE);
        if (Files.isRegularFile(file)) {
            JSON.readTree(file.toFile()).path("users").properties()
                    .forEach(user -> kept.put(user.getKey(), user.getValue().path("refreshToken").asText()));
        }
        return kept;
    }
}
