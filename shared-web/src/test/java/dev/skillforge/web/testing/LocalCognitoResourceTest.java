package dev.skillforge.web.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.testing.cognito.LocalCognito;
import dev.skillforge.data.testing.cognito.PoolUser;
import dev.skillforge.data.testing.cognito.RequestCheck;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/** LocalCognito through the real SDK client: every action SkillForge uses, every error it must map, and refresh. */
class LocalCognitoResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalCognitoResource RESOURCE = new LocalCognitoResource();
    private static Map<String, String> config;
    private static CognitoIdentityProviderClient cognito;
    private static LocalCognito pool;
    private static int counter;

    @BeforeAll
    static void start() {
        config = RESOURCE.start();
        pool = LocalCognitoResource.pool();
        cognito = client(pool.endpoint());
    }

    @AfterAll
    static void stop() {
        cognito.close();
        RESOURCE.stop();
    }

    static CognitoIdentityProviderClient client(URI endpoint) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A new user per test: the pool is shared by the whole class. */
    private static synchronized String newUser(String... groups) {
        String id = "user-" + (++counter) + "-" + System.nanoTime();
        pool.createUser(id, id + "@example.test", "User " + counter, List.of(groups));
        return id;
    }

    @Test
    void configPointsAtThePool() {
        assertEquals(LocalCognitoResource.POOL_ID, config.get("skillforge.users.pool-id"));
        assertEquals(pool.endpoint().toString(), config.get("skillforge.users.endpoint-override"));
        assertNotNull(System.getProperty("aws.accessKeyId"));
        assertEquals("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_TestUsers", pool.poolArn("123456789012"));
        assertEquals(List.of("admin", "instructor", "student"), pool.groups());
    }

    @Test
    void getUser() {
        Instant before = Instant.now().minusSeconds(1);
        String id = newUser("student");
        AdminGetUserResponse user = cognito.adminGetUser(b -> b.userPoolId(pool.poolId()).username(id));
        assertEquals(id, user.username());
        assertEquals(Map.of("sub", id, "email", id + "@example.test", "name", pool.find(id).orElseThrow().name()),
                user.userAttributes().stream().collect(java.util.stream.Collectors.toMap(AttributeType::name, AttributeType::value)));
        assertTrue(user.enabled());
        assertEquals(UserStatusType.CONFIRMED, user.userStatus());
        assertTrue(user.userCreateDate().isAfter(before) && !user.userCreateDate().isAfter(Instant.now()), user.userCreateDate().toString());
        assertEquals(user.userCreateDate(), user.userLastModifiedDate());
    }

    @Test
    void groupsOfAUserArePagedAndChangesAreIdempotent() {
        String id = newUser("student");
        cognito.adminAddUserToGroup(b -> b.userPoolId(pool.poolId()).username(id).groupName("instructor"));
        cognito.adminAddUserToGroup(b -> b.userPoolId(pool.poolId()).username(id).groupName("instructor"));
        cognito.adminAddUserToGroup(b -> b.userPoolId(pool.poolId()).username(id).groupName("admin"));
        assertEquals(List.of("student", "instructor", "admin"), pool.find(id).orElseThrow().groups());

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String token = next;
            AdminListGroupsForUserResponse page = cognito.adminListGroupsForUser(b -> b.userPoolId(pool.poolId()).username(id).limit(2).nextToken(token));
            page.groups().forEach(group -> assertEquals(pool.poolId(), group.userPoolId()));
            page.groups().stream().map(GroupType::groupName).forEach(seen::add);
            next = page.nextToken();
            pages++;
        } while (next != null);
        assertEquals(List.of("student", "instructor", "admin"), seen);
        assertEquals(2, pages);

        cognito.adminRemoveUserFromGroup(b -> b.userPoolId(pool.poolId()).username(id).groupName("student"));
        cognito.adminRemoveUserFromGroup(b -> b.userPoolId(pool.poolId()).username(id).groupName("student"));
        AdminListGroupsForUserResponse all = cognito.adminListGroupsForUser(b -> b.userPoolId(pool.poolId()).username(id));
        assertEquals(List.of("instructor", "admin"), all.groups().stream().map(GroupType::groupName).toList());
        assertNull(all.nextToken());
    }

    @Test
    void usersInAGroupArePaged() {
        List<String> members = List.of(newUser("instructor"), newUser("instructor"), newUser("instructor"));
        List<String> seen = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListUsersInGroupResponse page = cognito.listUsersInGroup(b -> b.userPoolId(pool.poolId()).groupName("instructor").limit(1).nextToken(token));
            assertTrue(page.users().size() <= 1);
            for (UserType user : page.users()) {
                seen.add(user.username());
                assertTrue(user.enabled());
                assertEquals(UserStatusType.CONFIRMED, user.userStatus());
                assertTrue(user.attributes().stream().anyMatch(a -> a.name().equals("email") && a.value().equals(user.username() + "@example.test")));
                assertNotNull(user.userCreateDate());
            }
            next = page.nextToken();
        } while (next != null);
        assertTrue(seen.containsAll(members), seen.toString());
        assertEquals(seen.stream().distinct().toList(), seen);
    }

    @Test
    void disableEnableAndDelete() {
        String id = newUser("student");
        cognito.adminDisableUser(b -> b.userPoolId(pool.poolId()).username(id));
        assertFalse(cognito.adminGetUser(b -> b.userPoolId(pool.poolId()).username(id)).enabled());
        cognito.adminEnableUser(b -> b.userPoolId(pool.poolId()).username(id));
        assertTrue(cognito.adminGetUser(b -> b.userPoolId(pool.poolId()).username(id)).enabled());
        cognito.adminDeleteUser(b -> b.userPoolId(pool.poolId()).username(id));
        assertTrue(pool.find(id).isEmpty());
        assertThrows(UserNotFoundException.class, () -> cognito.adminGetUser(b -> b.userPoolId(pool.poolId()).username(id)));
    }

    @Test
    void errorsAreCognitosExceptions() {
        String id = newUser("student");
        UserNotFoundException missing = assertThrows(UserNotFoundException.class,
                () -> cognito.adminGetUser(b -> b.userPoolId(pool.poolId()).username("nobody")));
        assertEquals("User does not exist.", missing.awsErrorDetails().errorMessage());
        assertEquals(400, missing.statusCode());
        for (Runnable call : List.<Runnable>of(
                () -> cognito.adminListGroupsForUser(b -> b.userPoolId(pool.poolId()).username("nobody")),
                () -> cognito.adminAddUserToGroup(b -> b.userPoolId(pool.poolId()).username("nobody").groupName("admin")),
                () -> cognito.adminRemoveUserFromGroup(b -> b.userPoolId(pool.poolId()).username("nobody").groupName("admin")),
                () -> cognito.adminDisableUser(b -> b.userPoolId(pool.poolId()).username("nobody")),
                () -> cognito.adminEnableUser(b -> b.userPoolId(pool.poolId()).username("nobody")),
                () -> cognito.adminUserGlobalSignOut(b -> b.userPoolId(pool.poolId()).username("nobody")),
                () -> cognito.adminDeleteUser(b -> b.userPoolId(pool.poolId()).username("nobody")))) {
            assertThrows(UserNotFoundException.class, call::run);
        }

        ResourceNotFoundException otherPool = assertThrows(ResourceNotFoundException.class,
                () -> cognito.adminGetUser(b -> b.userPoolId("us-east-1_Elsewhere").username(id)));
        assertEquals("User pool us-east-1_Elsewhere does not exist.", otherPool.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class,
                () -> cognito.listUsersInGroup(b -> b.userPoolId("us-east-1_Elsewhere").groupName("admin")));
        ResourceNotFoundException noGroup = assertThrows(ResourceNotFoundException.class,
                () -> cognito.adminAddUserToGroup(b -> b.userPoolId(pool.poolId()).username(id).groupName("owners")));
        assertEquals("Group not found.", noGroup.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class,
                () -> cognito.adminRemoveUserFromGroup(b -> b.userPoolId(pool.poolId()).username(id).groupName("owners")));
        assertThrows(ResourceNotFoundException.class, () -> cognito.listUsersInGroup(b -> b.userPoolId(pool.poolId()).groupName("owners")));

        assertThrows(InvalidParameterException.class, () -> cognito.adminGetUser(b -> b.userPoolId(pool.poolId())));
        assertThrows(InvalidParameterException.class, () -> cognito.adminGetUser(b -> b.userPoolId(pool.poolId()).username(" ")));
        assertThrows(InvalidParameterException.class, () -> cognito.adminGetUser(b -> b.username(id)));
        assertThrows(InvalidParameterException.class, () -> cognito.adminAddUserToGroup(b -> b.userPoolId(pool.poolId()).username(id)));
        assertThrows(InvalidParameterException.class, () -> cognito.listUsersInGroup(b -> b.userPoolId(pool.poolId())));
        assertThrows(InvalidParameterException.class,
                () -> cognito.listUsersInGroup(b -> b.userPoolId(pool.poolId()).groupName("admin").limit(61)));
        assertThrows(InvalidParameterException.class,
                () -> cognito.listUsersInGroup(b -> b.userPoolId(pool.poolId()).groupName("admin").nextToken("not-a-token")));
    }

    @Test
    void unknownActionsAndUnsignedAdminCallsAreRefused() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> unknown = http.send(raw("CreateUserPool", "{}", true), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, unknown.statusCode());
            assertEquals("UnknownOperationException", unknown.headers().firstValue("x-amzn-ErrorType").orElseThrow());
            assertEquals("UnknownOperationException", JSON.readTree(unknown.body()).path("__type").asText());
            assertEquals(LocalCognito.CONTENT_TYPE, unknown.headers().firstValue("Content-Type").orElseThrow());

            String body = "{\"UserPoolId\":\"" + pool.poolId() + "\",\"Username\":\"nobody\"}";
            HttpResponse<String> unsigned = http.send(raw("AdminGetUser", body, false), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, unsigned.statusCode());
            assertEquals("MissingAuthenticationTokenException", JSON.readTree(unsigned.body()).path("__type").asText());

            HttpResponse<String> broken = http.send(raw("AdminGetUser", "{not json", true), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, broken.statusCode());
            assertEquals("SerializationException", JSON.readTree(broken.body()).path("__type").asText());

            // InitiateAuth is public: no signature needed, the refresh token decides.
            HttpResponse<String> auth = http.send(raw("InitiateAuth", "{\"AuthFlow\":\"REFRESH_TOKEN_AUTH\",\"ClientId\":\""
                    + TestTokens.CLIENT_ID + "\",\"AuthParameters\":{\"REFRESH_TOKEN\":\"nope\"}}", false), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, auth.statusCode());
            assertEquals("NotAuthorizedException", JSON.readTree(auth.body()).path("__type").asText());
        }
    }

    private static HttpRequest raw(String action, String body, boolean signed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(pool.endpoint().resolve("/"))
                .header("X-Amz-Target", LocalCognito.TARGET_PREFIX + action)
                .header("Content-Type", LocalCognito.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) {
            request.header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00");
        }
        return request.build();
    }

    @Test
    void refreshCarriesTheCurrentGroups() throws Exception {
        String id = newUser("student");
        String refreshToken = pool.signIn(id);
        AuthenticationResultType first = refresh(refreshToken);
        assertEquals("Bearer", first.tokenType());
        assertEquals(3600, first.expiresIn());
        assertEquals(List.of("student"), groupsOf(first.accessToken()));
        JsonNode idClaims = claims(first.idToken());
        assertEquals(List.of("student"), groupsOf(first.idToken()));
        assertEquals(id + "@example.test", idClaims.path("email").asText());
        assertEquals("id", idClaims.path("token_use").asText());
        assertEquals(TestTokens.CLIENT_ID, claims(first.accessToken()).path("client_id").asText());
        assertEquals(TestTokens.ISSUER, claims(first.accessToken()).path("iss").asText());
        assertEquals(id, claims(first.accessToken()).path("sub").asText());

        cognito.adminAddUserToGroup(b -> b.userPoolId(pool.poolId()).username(id).groupName("instructor"));
        cognito.adminRemoveUserFromGroup(b -> b.userPoolId(pool.poolId()).username(id).groupName("student"));
        assertEquals(List.of("instructor"), groupsOf(refresh(refreshToken).accessToken()));
    }

    @Test
    void refreshIsRefusedAfterDisableSignOutAndDelete() {
        String id = newUser("student");
        String token = pool.signIn(id);
        cognito.adminDisableUser(b -> b.userPoolId(pool.poolId()).username(id));
        NotAuthorizedException disabled = assertThrows(NotAuthorizedException.class, () -> refresh(token));
        assertEquals("User is disabled.", disabled.awsErrorDetails().errorMessage());
        cognito.adminEnableUser(b -> b.userPoolId(pool.poolId()).username(id));
        assertNotNull(refresh(token).accessToken());

        String second = pool.signIn(id);
        cognito.adminUserGlobalSignOut(b -> b.userPoolId(pool.poolId()).username(id));
        assertEquals("Invalid Refresh Token", assertThrows(NotAuthorizedException.class, () -> refresh(token)).awsErrorDetails().errorMessage());
        assertThrows(NotAuthorizedException.class, () -> refresh(second));
        PoolUser signedOut = pool.find(id).orElseThrow();
        assertTrue(signedOut.refreshTokens().isEmpty());
        assertNotNull(signedOut.signedOutAt());

        String third = pool.signIn(id);
        assertNotNull(refresh(third).idToken());
        cognito.adminDeleteUser(b -> b.userPoolId(pool.poolId()).username(id));
        assertThrows(NotAuthorizedException.class, () -> refresh(third));
        assertThrows(NotAuthorizedException.class, () -> refresh("never-issued"));
    }

    @Test
    void initiateAuthChecksItsParameters() {
        String token = pool.signIn(newUser("admin"));
        assertThrows(ResourceNotFoundException.class, () -> cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .clientId("another-client").authParameters(Map.of("REFRESH_TOKEN", token))));
        assertThrows(InvalidParameterException.class, () -> cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .clientId(TestTokens.CLIENT_ID).authParameters(Map.of("USERNAME", "x", "PASSWORD", "y"))));
        assertThrows(InvalidParameterException.class, () -> cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .clientId(TestTokens.CLIENT_ID)));
        assertNotNull(cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN)
                .clientId(TestTokens.CLIENT_ID).authParameters(Map.of("REFRESH_TOKEN", token))).authenticationResult().accessToken());
    }

    @Test
    void concurrentGroupChangesAreAllKept() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(newUser());
        }
        try (var executor = Executors.newFixedThreadPool(8)) {
            List<Future<?>> calls = new ArrayList<>();
            for (String id : ids) {
                for (String group : pool.groups()) {
                    calls.add(executor.submit(() -> cognito.adminAddUserToGroup(b -> b.userPoolId(pool.poolId()).username(id).groupName(group))));
                }
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }
        for (String id : ids) {
            assertEquals(3, pool.find(id).orElseThrow().groups().size());
        }
    }

    @Test
    void usersAndRefreshTokensSurviveARestartWithAStoreFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cognito/users.json");
        String token;
        try (LocalCognito first = LocalCognito.builder(LocalCognitoResource.testMinter()).clientId(TestTokens.CLIENT_ID)
                .poolId("us-east-1_Persisted").store(file).check(RequestCheck.none()).start()) {
            first.createUser("kept", "kept@example.test", "Kept", List.of("student"));
            token = first.signIn("kept");
            try (CognitoIdentityProviderClient client = client(first.endpoint())) {
                client.adminAddUserToGroup(b -> b.userPoolId("us-east-1_Persisted").username("kept").groupName("admin"));
            }
        }
        assertTrue(Files.isRegularFile(file));
        try (LocalCognito second = LocalCognito.builder(LocalCognitoResource.testMinter()).clientId(TestTokens.CLIENT_ID)
                .poolId("us-east-1_Persisted").store(file).start()) {
            PoolUser kept = second.find("kept").orElseThrow();
            assertEquals(List.of("student", "admin"), kept.groups());
            assertEquals("kept@example.test", kept.email());
            assertEquals(List.of("student", "admin"), groupsOf(second.refresh(token).accessToken()));
            // The same seeding call again is a no-op, so a restart can seed unconditionally.
            assertEquals(kept, second.createUser("kept", "kept@example.test", "Kept", List.of("admin", "student")));
        }
    }

    private static AuthenticationResultType refresh(String refreshToken) {
        return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).clientId(TestTokens.CLIENT_ID)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken))).authenticationResult();
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static List<String> groupsOf(String jwt) {
        try {
            List<String> groups = new ArrayList<>();
            claims(jwt).path("cognito:groups").forEach(group -> groups.add(group.asText()));
            return groups;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
