package dev.skillforge.local.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skillforge.data.testing.cognito.LocalCognito;
import dev.skillforge.data.testing.cognito.RequestCheck;
import dev.skillforge.local.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** ./run-local.sh tokens: kept refresh tokens become new access tokens with current groups; refusals become comments. */
class RefreshTokensTest {

    @Test
    void refreshesKeptSignInsAndExplainsRefusals(@TempDir Path state) throws Exception {
        DevIdentity identity = DevIdentity.in(state.resolve("dev-keys"));
        URI api = URI.create("http://localhost:8080");
        try (LocalCognito pool = LocalCognito.builder(identity).poolId(LocalCloud.USER_POOL_ID).clientId(DevIdentity.CLIENT_ID)
                .check(RequestCheck.none()).start();
                CognitoIdentityProviderClient admin = CognitoIdentityProviderClient.builder().endpointOverride(pool.endpoint())
                        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            pool.createUser("student-1", "s@x", "S", List.of("student"));
            pool.createUser("student-2", "t@x", "T", List.of("student"));
            RefreshTokens.writeSession(state, pool.endpoint(), DevIdentity.CLIENT_ID, api, List.of(
                    new RefreshTokens.SignIn("STUDENT_TOKEN", "student-1", pool.signIn("student-1")),
                    new RefreshTokens.SignIn("STUDENT2_TOKEN", "student-2", pool.signIn("student-2"))));
            admin.adminAddUserToGroup(b -> b.userPoolId(pool.poolId()).username("student-1").groupName("instructor"));
            admin.adminDisableUser(b -> b.userPoolId(pool.poolId()).username("student-2"));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, RefreshTokens.run(state, new PrintStream(out, true), System.err));
            Map<String, String> lines = new LinkedHashMap<>();
            List<String> comments = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(state.resolve("tokens.env"))) {
                if (line.startsWith("#")) {
                    comments.add(line);
                } else {
                    lines.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            assertEquals(api.toString(), lines.get("API"));
            Map<String, Object> claims = identity.verify(lines.get("STUDENT_TOKEN"));
            assertNotNull(claims);
            assertEquals(List.of("student", "instructor"), claims.get("cognito:groups"));
            assertTrue(comments.stream().anyMatch(c -> c.contains("STUDENT2_TOKEN") && c.contains("NotAuthorizedException User is disabled.")),
                    comments.toString());
            assertEquals(List.of("STUDENT_TOKEN", "STUDENT2_TOKEN"), List.copyOf(RefreshTokens.keptRefreshTokens(state).keySet()));
        }
        // The pool is gone: the command says the local cloud is not running.
        assertEquals(1, RefreshTokens.run(state, System.out, new PrintStream(new ByteArrayOutputStream())));
    }
}
