package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.course;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The functions accept the tokens API Gateway's authorizer lets through for our app client, and only the two kinds
 * Cognito issues to it: an ID token (aud = client id) and an access token (client_id = client id, no aud).
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class CognitoTokenKindsTest {

    @Test
    void anAccessTokenIsAccepted() {
        as(TestTokens.accessToken("alice").roles("instructor").sign()).body(course("By access token", "programming"))
                .post("/courses").then().statusCode(201).body("instructorId", equalTo("alice"));
    }

    @Test
    void anIdTokenIsAccepted() {
        as(TestTokens.idToken("alice").roles("instructor").sign()).body(course("By ID token", "programming"))
                .post("/courses").then().statusCode(201).body("instructorId", equalTo("alice"));
    }

    @Test
    void anAccessTokenThatAlsoNamesUsInAudIsAccepted() {
        // API Gateway judges aud when it is there; naming our client in both is what it accepts too.
        as(TestTokens.accessToken("alice").roles("instructor").audience(TestTokens.CLIENT_ID).sign())
                .body(course("Both claims", "programming")).post("/courses").then().statusCode(201);
    }

    static Stream<Arguments> tokensOfOtherClientsOrKinds() {
        return Stream.of(
                Arguments.of("access token of another client", TestTokens.accessToken("eve").roles("instructor").clientId("another-app").sign()),
                Arguments.of("access token without client_id", TestTokens.accessToken("eve").roles("instructor").clientId(null).sign()),
                Arguments.of("access token whose aud is another client",
                        TestTokens.accessToken("eve").roles("instructor").audience("another-app").sign()),
                Arguments.of("ID token for another aud", TestTokens.idToken("eve").roles("instructor").audience("another-app").sign()),
                Arguments.of("ID token without aud, naming us in client_id",
                        TestTokens.idToken("eve").roles("instructor").audience(null).clientId(TestTokens.CLIENT_ID).sign()),
                Arguments.of("no token_use", TestTokens.idToken("eve").roles("instructor").tokenUse(null).sign()),
                Arguments.of("no token_use, naming us in client_id", TestTokens.accessToken("eve").roles("instructor").tokenUse(null).sign()),
                Arguments.of("token_use refresh", TestTokens.accessToken("eve").roles("instructor").tokenUse("refresh").sign()),
                Arguments.of("token_use access with only an aud",
                        TestTokens.idToken("eve").roles("instructor").tokenUse("access").sign()));
    }

    @ParameterizedTest(name = "{0} is a 401 and creates nothing")
    @MethodSource("tokensOfOtherClientsOrKinds")
    void tokensOfOtherClientsOrKindsAreRefused(String kind, String token) {
        problem(as(token).body(course("Forged " + kind, "programming")).post("/courses").then(), 401, "unauthorized");
        // A public route verifies a token that is sent, so the same token is refused there as well.
        problem(as(token).get("/courses").then(), 401, "unauthorized");
        assertEquals(0, TestTable.client().scan(b -> b.tableName(TestTable.NAME)).count(), "nothing was written");
    }
}
