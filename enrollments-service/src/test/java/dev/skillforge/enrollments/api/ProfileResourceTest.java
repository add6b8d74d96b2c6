package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.MediaKeyTestConfig;
import dev.skillforge.web.testing.RouteCheck;
import dev.skillforge.web.testing.TestTokens;
import dev.skillforge.web.testing.Uploads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ProfileResourceTest {

    @Test
    void profileIsCreatedFromTheTokenOnFirstUse() {
        as(TestTokens.user("u-1").roles("student").email("Uma@Example.test").name("Uma").sign()).get("/me")
                .then().statusCode(200)
                .body("id", equalTo("u-1"))
                .body("email", equalTo("Uma@Example.test"))
                .body("name", equalTo("Uma"))
                .body("role", equalTo("student"))
                .body("version", equalTo(1));
    }

    @Test
    void usersEditOnlyTheirEditableFields() {
        String token = TestTokens.user("u-2").roles("student").name("Old").sign();
        as(token).get("/me").then().statusCode(200);
        as(token).get("/me").then().header("ETag", equalTo("\"1\""));
        as(token).body(Map.of("name", "New Name", "bio", "I like SQL", "version", 1)).put("/me")
                .then().statusCode(200).header("ETag", equalTo("\"2\""))
                .body("name", equalTo("New Name")).body("bio", equalTo("I like SQL")).body("version", equalTo(2));
        problem(as(token).body(Map.of("name", "Stale", "version", 1)).put("/me").then(), 409, "stale-version");
        problem(as(token).body(Map.of("name", "Unversioned")).put("/me").then(), 428, "precondition-required");
        for (String field : new String[] { "role", "email", "id", "userId" }) {
            problem(as(token).body(Map.of("name", "X", "version", 2, field, "admin")).put("/me").then(), 400, "validation")
                    .body("errors.field", hasItem(field));
        }
        problem(as(token).body(Map.of("name", "", "version", 2)).put("/me").then(), 400, "validation").body("errors.field", hasItem("name"));
        as(token).get("/me").then().body("role", equalTo("student")).body("name", equalTo("New Name"));
    }

    @Test
    void aPutReplacesBothFieldsAndAnOmittedBioIsCleared() {
        String token = TestTokens.user("u-bio").roles("student").sign();
        as(token).body(Map.of("name", "Bea", "bio", "Likes SQL", "version", 1)).put("/me").then().statusCode(200);
        as(token).header("If-Match", "\"2\"").body(Map.of("name", "Bea")).put("/me").then().statusCode(200)
                .body("bio", nullValue()).body("version", equalTo(3));
    }

    @Test
    void roleAndEmailFollowTheIdentityProvider() {
        as(TestTokens.user("u-3").roles("student").email("a@example.test").sign()).get("/me").then().body("role", equalTo("student"));
        as(TestTokens.user("u-3").roles("student", "instructor").email("b@example.test").sign()).get("/me").then()
                .body("role", equalTo("instructor")).body("email", equalTo("b@example.test"));
    }

    @Test
    void anAccessTokenHasNoEmailOrNameAndNeverClearsTheEmailAnIdTokenGave() {
        as(TestTokens.accessToken("u-4").roles("student").sign()).get("/me").then().statusCode(200)
                .body("email", nullValue()).body("name", equalTo("Learner")).body("version", equalTo(1));
        as(TestTokens.idToken("u-4").roles("student").email("dee@example.test").sign()).get("/me").then()
                .body("email", equalTo("dee@example.test")).body("version", equalTo(2));
        // The role still follows an access token (both kinds carry cognito:groups); the email stays.
        as(TestTokens.accessToken("u-4").roles("student", "instructor").sign()).get("/me").then()
                .body("role", equalTo("instructor")).body("email", equalTo("dee@example.test")).body("version", equalTo(3));
        as(TestTokens.accessToken("u-4").roles("student", "instructor").sign()).get("/me").then()
                .body("email", equalTo("dee@example.test")).body("version", equalTo(3));
    }

    @Test
    void adminsListUsersByRoleOrderedByEmail() {
        as(TestTokens.user("s-c").roles("student").email("carol@example.test").sign()).get("/me");
        as(TestTokens.user("s-a").roles("student").email("adam@example.test").sign()).get("/me");
        as(TestTokens.user("s-b").roles("student").email("Bea@example.test").sign()).get("/me");
        as(TestTokens.user("i-z").roles("instructor").email("zed@example.test").sign()).get("/me");
        String admin = TestTokens.admin("root");

        as(admin).queryParam("role", "student").get("/admin/users").then().statusCode(200)
                .body("items.id", contains("s-a", "s-b", "s-c"));
        String cursor = as(admin).queryParam("role", "student").queryParam("limit", 2).get("/admin/users").jsonPath().getString("nextCursor");
        as(admin).queryParam("role", "student").queryParam("limit", 2).queryParam("cursor", cursor).get("/admin/users")
                .then().body("items.id", contains("s-c"));
        problem(as(admin).queryParam("role", "instructor").queryParam("cursor", cursor).get("/admin/users").then(), 400, "invalid-cursor");
        as(admin).queryParam("role", "instructor").get("/admin/users").then().body("items.id", contains("i-z"));
        problem(as(admin).queryParam("role", "wizard").get("/admin/users").then(), 400, "validation").body("errors.field", hasItem("role"));
        problem(as(admin).get("/admin/users").then(), 400, "validation").body("errors.field", hasItem("role"));
        problem(as(TestTokens.instructor("i-z")).queryParam("role", "student").get("/admin/users").then(), 403, "forbidden");
        problem(anonymous().queryParam("role", "student").get("/admin/users").then(), 401, "unauthorized");
    }

    @Test
    void aPictureIsUploadedThenShownOnTheProfileAndOnlyItsOwnerCanAttachIt() {
        String token = TestTokens.user("u-pic").roles("student").name("Pia").sign();
        as(token).get("/me").then().statusCode(200);
        byte[] jpeg = Uploads.file("image/jpeg", 3_000);
        var grant = as(token).body(Map.of("contentType", "image/jpeg", "contentLength", jpeg.length)).post("/me/avatar")
                .then().statusCode(200).body("key", startsWith("users/u-pic/avatar/")).body("method", equalTo("PUT")).extract();
        String key = grant.path("key");
        // Not uploaded yet: refused, nothing changes.
        problem(as(token).body(Map.of("name", "Pia", "avatarKey", key, "version", 1)).put("/me").then(), 400, "validation")
                .body("errors[0].field", equalTo("avatarKey"));
        assertEquals(200, Uploads.put(grant.path("url"), "image/jpeg", jpeg));
        // Someone else cannot put this picture on their profile.
        String other = TestTokens.user("u-other").roles("student").name("Oli").sign();
        as(other).get("/me").then().statusCode(200);
        problem(as(other).body(Map.of("name", "Oli", "avatarKey", key, "version", 1)).put("/me").then(), 400, "validation")
                .body("errors[0].field", equalTo("avatarKey"));
        as(token).body(Map.of("name", "Pia", "avatarKey", key, "version", 1)).put("/me").then().statusCode(200)
                .body("avatarKey", equalTo(key)).body("avatarUrl", equalTo(MediaKeyTestConfig.BASE_URL + "/" + key));
        as(token).get("/me").then().body("avatarUrl", equalTo(MediaKeyTestConfig.BASE_URL + "/" + key));
        as(TestTokens.admin("root")).queryParam("role", "student").get("/admin/users").then().statusCode(200)
                .body("items.find { it.id == 'u-pic' }.avatarUrl", equalTo(MediaKeyTestConfig.BASE_URL + "/" + key));
        // Types and sizes are the picture rules.
        problem(as(token).body(Map.of("contentType", "application/pdf", "contentLength", 10)).post("/me/avatar").then(), 400, "validation")
                .body("errors.field", hasItem("contentType"));
        problem(as(token).body(Map.of("contentType", "image/png", "contentLength", 3_000_000)).post("/me/avatar").then(), 400, "validation")
                .body("errors.field", hasItem("contentLength"));
        problem(anonymous().body(Map.of("contentType", "image/png", "contentLength", 10)).post("/me/avatar").then(), 401, "unauthorized");
        // A PUT without the key clears the picture, as it clears the bio.
        as(token).body(Map.of("name", "Pia", "version", 2)).put("/me").then().statusCode(200)
                .body("avatarKey", nullValue()).body("avatarUrl", nullValue());
    }

    @Test
    void routeTableMatchesTheResources() {
        RouteCheck.assertServes(RouteTable.ENROLLMENTS, EnrollmentResource.class, MyEnrollmentsResource.class,
                CourseEnrollmentsResource.class, ProfileResource.class, AdminUserResource.class, AdminAuditResource.class);
    }
}
