package dev.skillforge.data.testing.cognito;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * TEST/LOCAL ONLY, never deployed. A Cognito user pool endpoint for exactly the actions SkillForge calls, in
 * Cognito's JSON 1.1 protocol (the {@code X-Amz-Target} header names the action; errors are {@code __type} and
 * {@code message} with status 400), so the AWS SDK's {@code CognitoIdentityProviderClient} talks to it unchanged.
 * Admin actions pass a {@link RequestCheck} first; {@code InitiateAuth} (refresh only) is public, as on Cognito.
 * Users live in memory, and in a JSON file when one is given.
 */
public final class LocalCognito implements AutoCloseable {

    public static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    public static final List<String> DEFAULT_GROUPS = List.of("admin", "instructor", "student");
    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Cognito's page size bound for both listing actions. */
    private static final int MAX_LIMIT = 60;
    private static final Set<String> ACTIONS = Set.of("AdminGetUser", "AdminListGroupsForUser", "AdminAddUserToGroup",
            "AdminRemoveUserFromGroup", "AdminDisableUser", "AdminEnableUser", "AdminUserGlobalSignOut", "AdminDeleteUser",
            "ListUsersInGroup", "InitiateAuth");

    /** A Cognito error: its code (the {@code __type}), message and HTTP status. */
    public static final class CognitoError extends RuntimeException {
        private final String code;
        private final int status;

        public CognitoError(String code, String message, int status) {
            super(message);
            this.code = code;
            this.status = status;
        }

        CognitoError(String code, String message) {
            this(code, message, 400);
        }

        public String code() {
            return code;
        }

        public int status() {
            return status;
        }
    }

    /** What a successful refresh gives: both tokens and their lifetime in seconds. */
    public record AuthenticationResult(String accessToken, String idToken, int expiresIn) {
    }

    private final String poolId;
    private final String clientId;
    private final Path store;
    private final RequestCheck check;
    private final TokenMinter minter;
    private final List<String> groups;
    private final int tokenMinutes;
    private final Consumer<String> out;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    /** Guarded by this; sorted so ListUsersInGroup pages are stable. */
    private final Map<String, PoolUser> users = new TreeMap<>();
    /** Live refresh token to its user; guarded by this. */
    private final Map<String, String> refreshOwners = new HashMap<>();
    private final HttpServer server;

    private LocalCognito(Builder builder) throws IOException {
        this.poolId = builder.poolId != null ? builder.poolId : "us-east-1_" + randomId(9);
        if (!POOL_ID.matcher(poolId).matches()) {
            throw new IllegalArgumentException("not a user pool id: " + poolId);
        }
        this.clientId = builder.clientId;
        this.store = builder.store;
        this.check = builder.check;
        this.minter = builder.minter;
        this.groups = List.copyOf(builder.groups);
        this.tokenMinutes = builder.tokenMinutes;
        this.out = builder.out;
        if (store != null && Files.isRegularFile(store)) {
            load();
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static Builder builder(TokenMinter minter) {
        return new Builder(minter);
    }

    /** How to start one: everything but the minter has a default (random pool id, in memory, SigV4 header required). */
    public static final class Builder {
        private final TokenMinter minter;
        private String poolId;
        private String clientId = "local-cognito-client";
        private Path store;
        private RequestCheck check = RequestCheck.sigV4Present();
        private Collection<String> groups = DEFAULT_GROUPS;
        private int tokenMinutes = 60;
        private Consumer<String> out = line -> { };

        private Builder(TokenMinter minter) {
            this.minter = java.util.Objects.requireNonNull(minter);
        }

        public Builder poolId(String value) {
            this.poolId = value;
            return this;
        }

        /** The app client InitiateAuth must name. */
        public Builder clientId(String value) {
            this.clientId = value;
            return this;
        }

        /** The JSON file the users are kept in (read at start, rewritten after every change); null = in memory. */
        public Builder store(Path file) {
            this.store = file;
            return this;
        }

        public Builder check(RequestCheck value) {
            this.check = value;
            return this;
        }

        public Builder groups(Collection<String> value) {
            this.groups = value;
            return this;
        }

        /** The app client's access and ID token validity. */
        public Builder tokenMinutes(int value) {
            this.tokenMinutes = value;
            return this;
        }

        /** Where refusals are logged, one line each. */
        public Builder log(Consumer<String> value) {
            this.out = value;
            return this;
        }

        public LocalCognito start() throws IOException {
            return new LocalCognito(this);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String poolId() {
        return poolId;
    }

    public String clientId() {
        return clientId;
    }

    /** The region part of the pool id. */
    public String region() {
        return poolId.substring(0, poolId.indexOf('_'));
    }

    /** The pool's ARN, what an IAM policy names for the admin actions. */
    public String poolArn(String accountId) {
        return poolArn(region(), accountId, poolId);
    }

    public static String poolArn(String region, String accountId, String poolId) {
        return "arn:aws:cognito-idp:" + region + ":" + accountId + ":userpool/" + poolId;
    }

    /** The pool's groups. */
    public List<String> groups() {
        return groups;
    }

    // ---- Java-side API: seeding and tests ----

    /** Creates a confirmed, enabled user; the same call again is a no-op, a different one for an existing user fails. */
    public synchronized PoolUser createUser(String username, String email, String name, Collection<String> userGroups) {
        requireText(username, "username");
        for (String group : userGroups) {
            if (!groups.contains(group)) {
                throw new IllegalArgumentException("no group " + group + " in the pool (" + groups + ")");
            }
        }
        PoolUser existing = users.get(username);
        if (existing != null) {
            if (java.util.Objects.equals(existing.email(), email) && java.util.Objects.equals(existing.name(), name)
                    && Set.copyOf(existing.groups()).equals(Set.copyOf(userGroups))) {
                return existing;
            }
            throw new IllegalStateException("user " + username + " already exists with other attributes: " + existing);
        }
        Instant now = Instant.now();
        PoolUser user = new PoolUser(username, email, name, true, PoolUser.CONFIRMED, new ArrayList<>(userGroups), now, now,
                Set.of(), null);
        users.put(username, user);
        save();
        return user;
    }

    /** What a password sign-in gives the client to keep: a new refresh token of the user. */
    public synchronized String signIn(String username) {
        PoolUser user = users.get(username);
        if (user == null) {
            throw new IllegalArgumentException("no user " + username);
        }
        if (!user.enabled()) {
            throw new IllegalStateException("user " + username + " is disabled");
        }
        String token = randomToken();
        Set<String> tokens = new HashSet<>(user.refreshTokens());
        tokens.add(token);
        users.put(username, user.withRefreshTokens(tokens));
        refreshOwners.put(token, username);
        save();
        return token;
    }

    public synchronized Optional<PoolUser> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /** Removes a user as a delete in the console would, outside the API under test; false when there was none. */
    public synchronized boolean removeUser(String username) {
        PoolUser user = users.remove(username);
        if (user == null) {
            return false;
        }
        user.refreshTokens().forEach(refreshOwners::remove);
        save();
        return true;
    }

    /** Every user, by username. */
    public synchronized List<PoolUser> users() {
        return List.copyOf(users.values());
    }

    /** InitiateAuth with REFRESH_TOKEN_AUTH: new tokens with the user's current groups, or the error Cognito gives. */
    public AuthenticationResult refresh(String refreshToken) {
        PoolUser user;
        synchronized (this) {
            String username = refreshToken == null ? null : refreshOwners.get(refreshToken);
            user = username == null ? null : users.get(username);
            if (user == null) {
                throw new CognitoError("NotAuthorizedException", "Invalid Refresh Token");
            }
            if (!user.enabled()) {
                throw new CognitoError("NotAuthorizedException", "User is disabled.");
            }
        }
        return new AuthenticationResult(minter.accessToken(user, tokenMinutes), minter.idToken(user, tokenMinutes), tokenMinutes * 60);
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String action = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : String.valueOf(target);
            try {
                if (!exchange.getRequestMethod().equals("POST") || !ACTIONS.contains(action)) {
                    throw new CognitoError("UnknownOperationException", "Unknown operation " + action);
                }
                if (!action.equals("InitiateAuth")) {
                    Map<String, String> headers = new TreeMap<>();
                    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
                    URI uri = URI.create("http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI());
                    Optional<RequestCheck.Refusal> refusal = check.check(action, exchange.getRequestMethod(), uri, headers, body);
                    if (refusal.isPresent()) {
                        out.accept("cognito   " + refusal.get().code() + " " + action + ": " + refusal.get().message());
                        throw new CognitoError(refusal.get().code(), refusal.get().message(), refusal.get().status());
                    }
                }
                JsonNode request;
                try {
                    request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
                } catch (JsonProcessingException e) {
                    throw new CognitoError("SerializationException", "The request body is not valid JSON");
                }
                if (!request.isObject()) {
                    throw new CognitoError("SerializationException", "The request body is not a JSON object");
                }
                send(exchange, 200, dispatch(action, request));
            } catch (CognitoError e) {
                sendError(exchange, e.status(), e.code(), e.getMessage());
            } catch (RuntimeException e) {
                out.accept("cognito   InternalErrorException " + action + ": " + e);
                sendError(exchange, 500, "InternalErrorException", "Internal error");
            }
        }
    }

    private ObjectNode dispatch(String action, JsonNode request) {
        return switch (action) {
            case "AdminGetUser" -> adminGetUser(request);
            case "AdminListGroupsForUser" -> adminListGroupsForUser(request);
            case "AdminAddUserToGroup" -> changeGroups(request, true);
            case "AdminRemoveUserFromGroup" -> changeGroups(request, false);
            case "AdminDisableUser" -> setEnabled(request, false);
            case "AdminEnableUser" -> setEnabled(request, true);
            case "AdminUserGlobalSignOut" -> globalSignOut(request);
            case "AdminDeleteUser" -> deleteUser(request);
            case "ListUsersInGroup" -> listUsersInGroup(request);
            case "InitiateAuth" -> initiateAuth(request);
            default -> throw new CognitoError("UnknownOperationException", "Unknown operation " + action);
        };
    }

    private ObjectNode adminGetUser(JsonNode request) {
        PoolUser user = existingUser(request);
        ObjectNode response = json.createObjectNode();
        response.put("Username", user.username());
        response.set("UserAttributes", attributes(user));
        response.put("Enabled", user.enabled());
        response.put("UserStatus", user.status());
        response.put("UserCreateDate", epochSeconds(user.created()));
        response.put("UserLastModifiedDate", epochSeconds(user.modified()));
        return response;
    }

    private ObjectNode adminListGroupsForUser(JsonNode request) {
        List<String> userGroups = existingUser(request).groups();
        int limit = limit(request);
        int from = pageStart(request, userGroups.size());
        ObjectNode response = json.createObjectNode();
        ArrayNode page = response.putArray("Groups");
        for (String group : userGroups.subList(from, Math.min(userGroups.size(), from + limit))) {
            page.addObject().put("GroupName", group).put("UserPoolId", poolId);
        }
        nextToken(response, from + limit, userGroups.size());
        return response;
    }

    private ObjectNode changeGroups(JsonNode request, boolean add) {
        String username = required(request, "Username");
        String group = required(request, "GroupName");
        synchronized (this) {
            PoolUser user = existingUser(request);
            requireGroup(group);
            Set<String> changed = new LinkedHashSet<>(user.groups());
            // Idempotent as on Cognito: adding a member or removing a non-member succeeds and changes nothing.
            if (add ? changed.add(group) : changed.remove(group)) {
                users.put(username, user.withGroups(changed, Instant.now()));
                save();
            }
        }
        return json.createObjectNode();
    }

    private ObjectNode setEnabled(JsonNode request, boolean enabled) {
        synchronized (this) {
            PoolUser user = existingUser(request);
            if (user.enabled() != enabled) {
                users.put(user.username(), user.withEnabled(enabled, Instant.now()));
                save();
            }
        }
        return json.createObjectNode();
    }

    private ObjectNode globalSignOut(JsonNode request) {
        synchronized (this) {
            PoolUser user = existingUser(request);
            user.refreshTokens().forEach(refreshOwners::remove);
            users.put(user.username(), user.signedOut(Instant.now()));
            save();
        }
        return json.createObjectNode();
    }

    private ObjectNode deleteUser(JsonNode request) {
        synchronized (this) {
            PoolUser user = existingUser(request);
            user.refreshTokens().forEach(refreshOwners::remove);
            users.remove(user.username());
            save();
        }
        return json.createObjectNode();
    }

    private ObjectNode listUsersInGroup(JsonNode request) {
        String group = required(request, "GroupName");
        requirePool(request);
        requireGroup(group);
        int limit = limit(request);
        List<PoolUser> members;
        synchronized (this) {
            members = users.values().stream().filter(user -> user.groups().contains(group)).toList();
        }
        int from = pageStart(request, members.size());
        ObjectNode response = json.createObjectNode();
        ArrayNode page = response.putArray("Users");
        for (PoolUser user : members.subList(from, Math.min(members.size(), from + limit))) {
            ObjectNode entry = page.addObject();
            entry.put("Username", user.username());
            entry.set("Attributes", attributes(user));
            entry.put("UserCreateDate", epochSeconds(user.created()));
            entry.put("UserLastModifiedDate", epochSeconds(user.modified()));
            entry.put("Enabled", user.enabled());
            entry.put("UserStatus", user.status());
        }
        nextToken(response, from + limit, members.size());
        return response;
    }

    private ObjectNode initiateAuth(JsonNode request) {
        String flow = required(request, "AuthFlow");
        String client = required(request, "ClientId");
        if (!client.equals(clientId)) {
            throw new CognitoError("ResourceNotFoundException", "User pool client " + client + " does not exist.");
        }
        if (!flow.equals("REFRESH_TOKEN_AUTH") && !flow.equals("REFRESH_TOKEN")) {
            throw new CognitoError("InvalidParameterException", "The local user pool supports only REFRESH_TOKEN_AUTH, not " + flow);
        }
        JsonNode token = request.path("AuthParameters").path("REFRESH_TOKEN");
        if (!token.isTextual() || token.asText().isBlank()) {
            throw new CognitoError("InvalidParameterException", "Missing required parameter REFRESH_TOKEN");
        }
        AuthenticationResult result = refresh(token.asText());
        ObjectNode response = json.createObjectNode();
        response.putObject("ChallengeParameters");
        response.putObject("AuthenticationResult")
                .put("AccessToken", result.accessToken())
                .put("ExpiresIn", result.expiresIn())
                .put("IdToken", result.idToken())
                .put("TokenType", "Bearer");
        return response;
    }

    // ---- validation ----

    /** Pool first, then the user: Cognito answers an unknown pool before it looks for the user. */
    private synchronized PoolUser existingUser(JsonNode request) {
        String username = required(request, "Username");
        requirePool(request);
        PoolUser user = users.get(username);
        if (user == null) {
            throw new CognitoError("UserNotFoundException", "User does not exist.");
        }
        return user;
    }

    private void requirePool(JsonNode request) {
        String pool = required(request, "UserPoolId");
        if (!pool.equals(poolId)) {
            throw new CognitoError("ResourceNotFoundException", "User pool " + pool + " does not exist.");
        }
    }

    private void requireGroup(String group) {
        if (!groups.contains(group)) {
            throw new CognitoError("ResourceNotFoundException", "Group not found.");
        }
    }

    private static String required(JsonNode request, String field) {
        JsonNode value = request.get(field);
        String member = Character.toLowerCase(field.charAt(0)) + field.substring(1);
        if (value == null || value.isNull()) {
            throw new CognitoError("InvalidParameterException",
                    "1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new CognitoError("InvalidParameterException", "1 validation error detected: Value '" + value.asText() + "' at '"
                    + member + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        return value.asText();
    }

    private static int limit(JsonNode request) {
        JsonNode limit = request.get("Limit");
        if (limit == null || limit.isNull()) {
            return MAX_LIMIT;
        }
        if (!limit.canConvertToInt() || limit.asInt() < 0 || limit.asInt() > MAX_LIMIT) {
            throw new CognitoError("InvalidParameterException", "1 validation error detected: Value '" + limit.asText()
                    + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to " + MAX_LIMIT);
        }
        return limit.asInt() == 0 ? MAX_LIMIT : limit.asInt();
    }

    /** NextToken is opaque to clients; here it is the offset of the next page, encoded. */
    private static int pageStart(JsonNode request, int size) {
        JsonNode token = request.get("NextToken");
        if (token == null || token.isNull()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token.asText()), StandardCharsets.UTF_8);
            int offset = decoded.startsWith("page:") ? Integer.parseInt(decoded.substring("page:".length())) : -1;
            if (offset < 0) {
                throw new IllegalArgumentException(decoded);
            }
            return Math.min(offset, size);
        } catch (RuntimeException e) {
            throw new CognitoError("InvalidParameterException", "Invalid pagination token");
        }
    }

    private static void nextToken(ObjectNode response, int next, int size) {
        if (next < size) {
            response.put("NextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("page:" + next).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
    }

    private ArrayNode attributes(PoolUser user) {
        ArrayNode attributes = json.createArrayNode();
        attributes.addObject().put("Name", "sub").put("Value", user.sub());
        if (user.email() != null) {
            attributes.addObject().put("Name", "email").put("Value", user.email());
        }
        if (user.name() != null) {
            attributes.addObject().put("Name", "name").put("Value", user.name());
        }
        return attributes;
    }

    /** The JSON protocol's timestamps: epoch seconds as a number, with milliseconds. */
    private static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", code);
        send(exchange, status, json.createObjectNode().put("__type", code).put("message", message));
    }

    // ---- persistence ----

    /** Called with the lock held. */
    private void save() {
        if (store == null) {
            return;
        }
        ObjectNode root = json.createObjectNode();
        root.put("poolId", poolId);
        ArrayNode list = root.putArray("users");
        for (PoolUser user : users.values()) {
            ObjectNode node = list.addObject();
            node.put("username", user.username());
            node.put("email", user.email());
            node.put("name", user.name());
            node.put("enabled", user.enabled());
            node.put("status", user.status());
            user.groups().forEach(node.putArray("groups")::add);
            node.put("created", user.created().toEpochMilli());
            node.put("modified", user.modified().toEpochMilli());
            user.refreshTokens().stream().sorted().forEach(node.putArray("refreshTokens")::add);
            if (user.signedOutAt() != null) {
                node.put("signedOutAt", user.signedOutAt().toEpochMilli());
            }
        }
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            Path temporary = store.resolveSibling(store.getFileName() + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), root);
            Files.move(temporary, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the user pool to " + store, e);
        }
    }

    private void load() throws IOException {
        for (JsonNode node : json.readTree(store.toFile()).path("users")) {
            List<String> userGroups = new ArrayList<>();
            node.path("groups").forEach(group -> userGroups.add(group.asText()));
            Set<String> tokens = new HashSet<>();
            node.path("refreshTokens").forEach(token -> tokens.add(token.asText()));
            PoolUser user = new PoolUser(node.path("username").asText(), text(node, "email"), text(node, "name"),
                    node.path("enabled").asBoolean(true), node.path("status").asText(PoolUser.CONFIRMED), userGroups,
                    Instant.ofEpochMilli(node.path("created").asLong()), Instant.ofEpochMilli(node.path("modified").asLong()),
                    tokens, node.hasNonNull("signedOutAt") ? Instant.ofEpochMilli(node.path("signedOutAt").asLong()) : null);
            users.put(user.username(), user);
            tokens.forEach(token -> refreshOwners.put(token, user.username()));
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private String randomId(int length) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    private String randomToken() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
