package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.as;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.PreconditionMatrix;
import dev.skillforge.web.testing.PreconditionMatrix.Case;
import dev.skillforge.web.testing.PreconditionMatrix.Target;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** PUT /me follows the version rules every change to an existing object follows (PreconditionMatrix). */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ProfilePreconditionsTest {

    /** The user whose profile the current case edits (a fresh one each case). */
    private String token;

    @ParameterizedTest(name = "PUT /me: {0}")
    @EnumSource(Case.class)
    void aProfileEditNamesTheVersionItIsBasedOn(Case which) {
        PreconditionMatrix.check(which, () -> {
            token = TestTokens.user("u-" + UUID.randomUUID()).roles("student").sign();
            as(token).body(Map.of("name", "First", "version", 1)).put("/me").then().statusCode(200);
            return new Target((request, version) -> {
                Map<String, Object> body = new HashMap<>(Map.of("name", "Second", "bio", "Edited"));
                if (version != null) {
                    body.put("version", version);
                }
                return request.body(body).put("/me");
            }, () -> as(token).get("/me").jsonPath().getLong("version"));
        }, () -> as(token));
    }
}
