package dev.skillforge.local.credentials;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.skillforge.data.testing.sigv4.RequestSignature.SigningKey;
import dev.skillforge.local.cloudformation.StackTemplate;
import dev.skillforge.local.iam.Policy;

/**
 * LOCAL ONLY. What STS and Lambda do for a function's role: each function gets its own temporary credentials (an
 * access key id, a secret and a session token) tied to its role and that role's policy, handed over the way its
 * runtime gets them on AWS:
 * <ul>
 * <li>Java 21 with SnapStart: no key variables; {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} name an endpoint on loopback that answers the credentials (this class
 * serves it), which the SDK's default chain reads;</li>
 * <li>provided.al2023 (native, jvm-aot): {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_SESSION_TOKEN}.</li>
 * </ul>
 * The local DynamoDB and S3 endpoints find the caller's role by the access key id of each request, check the
 * session token and the signature, and enforce the role's policy.
 */
public final class LocalCredentials implements AutoCloseable {

    /** The path Lambda's container credentials endpoint uses. */
    static final String PATH = "/2021-04-23/credentials";
    private static final Duration LIFETIME = Duration.ofHours(6);

    /** A function's temporary credentials and what they may do. */
    public record Session(String functionName, String roleName, String accessKeyId, String secretAccessKey,
            String sessionToken, String containerToken, Policy policy) implements SigningKey {

        /** The principal AWS names in an AccessDenied message. */
        public String principalArn() {
            return "arn:aws:sts::" + StackTemplate.ACCOUNT + ":assumed-role/" + roleName + "/" + functionName;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Session> byAccessKey = new ConcurrentHashMap<>();
    private final Map<String, Session> byContainerToken = new ConcurrentHashMap<>();
    private final HttpServer server;

    public LocalCredentials() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(PATH, this::serve);
        server.start();
    }

    /** New credentials for a function of the given role. */
    public Session issue(String functionName, String roleName, Policy policy) {
        Session session = new Session(functionName, roleName, "ASIA" + token(12).toUpperCase().replaceAll("[^A-Z0-9]", "X"),
                token(30), token(60), token(32), policy);
        byAccessKey.put(session.accessKeyId(), session);
        byContainerToken.put(session.containerToken(), session);
        return session;
    }

    /** The session an access key id belongs to. */
    public Optional<Session> byAccessKey(String accessKeyId) {
        return Optional.ofNullable(accessKeyId).map(byAccessKey::get);
    }

    /** The policy a function's role has now. */
    public Policy policyOf(String functionName) {
        return byAccessKey.values().stream().filter(session -> session.functionName().equals(functionName))
                .map(Session::policy).findFirst().orElseThrow(() -> new IllegalArgumentException("no credentials issued to " + functionName));
    }

    /** Replaces the policy of every session of a function (a test takes a grant away to prove it is needed). */
    public void replacePolicy(String functionName, Policy policy) {
        byAccessKey.values().stream().filter(session -> session.functionName().equals(functionName)).toList().forEach(session -> {
            Session changed = new Session(session.functionName(), session.roleName(), session.accessKeyId(),
                    session.secretAccessKey(), session.sessionToken(), session.containerToken(), policy);
            byAccessKey.put(changed.accessKeyId(), changed);
            byContainerToken.put(changed.containerToken(), changed);
        });
    }

    /** The variables a runtime gets its credentials from: the container endpoint (Java 21 + SnapStart) or keys. */
    public Map<String, String> environment(Session session, boolean containerEndpoint) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (containerEndpoint) {
            environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + server.getAddress().getPort() + PATH);
            environment.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", session.containerToken());
        } else {
            environment.put("AWS_ACCESS_KEY_ID", session.accessKeyId());
            environment.put("AWS_SECRET_ACCESS_KEY", session.secretAccessKey());
            environment.put("AWS_SESSION_TOKEN", session.sessionToken());
        }
        return environment;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Session session = byContainerToken.get(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (session == null || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(session == null ? 401 : 405, -1);
                return;
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("AccessKeyId", session.accessKeyId());
            body.put("SecretAccessKey", session.secretAccessKey());
            body.put("Token", session.sessionToken());
            body.put("Expiration", Instant.now().plus(LIFETIME).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
