package dev.skillforge.courses.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.courses.api.CourseApi.course;
import static dev.skillforge.web.testing.Http.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class AuthenticationTest {

    static Stream<Arguments> brokenTokens() {
        return Stream.of(
                Arguments.of("expired", TestTokens.user("eve").roles("instructor").expiresAt(Instant.now().minusSeconds(600)).sign()),
                Arguments.of("not yet valid", TestTokens.user("eve").roles("instructor").notBefore(Instant.now().plusSeconds(3600)).sign()),
                Arguments.of("foreign issuer", TestTokens.user("eve").roles("instructor").issuer("https://evil.example/issuer").sign()),
                Arguments.of("wrong audience", TestTokens.user("eve").roles("instructor").audience("another-app").sign()),
                Arguments.of("unknown signing key", TestTokens.user("eve").roles("instructor").signedByForeignKey().sign()),
                Arguments.of("alg none", TestTokens.unsigned("eve", "instructor")),
                Arguments.of("HS256 with the public key", TestTokens.hs256WithPublicKey("eve", "instructor")),
                Arguments.of("malformed", "not.a.token"),
                Arguments.of("garbage", "%%%"));
    }

    @ParameterizedTest(name = "{0} token cannot create a course")
    @MethodSource("brokenTokens")
    void brokenTokenIsRejectedOnProtectedRoutesAndChangesNothing(String kind, String token) {
        problem(given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(course("Forged " + kind, "programming")).post("/courses").then(), 401, "unauthorized");
        problem(given().header("Authorization", "Bearer " + token).get("/courses").then(), 401, "unauthorized");
        anonymous().get("/courses").then().statusCode(200).body("items.size()", equalTo(0));
        org.junit.jupiter.api.Assertions.assertEquals(0, TestTable.countPartition("courses#published"));
    }

    @ParameterizedTest(name = "{0} token is a 401 on a public route too")
    @MethodSource("brokenTokens")
    void brokenTokenIsRejectedOnPublicRoutes(String kind, String token) {
        problem(given().header("Authorization", "Bearer " + token).get("/courses/some-course/lessons").then(), 401, "unauthorized");
    }
}
