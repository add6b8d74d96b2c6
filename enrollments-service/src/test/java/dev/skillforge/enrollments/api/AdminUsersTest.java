package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.cognito.LocalCognito;
import dev.skillforge.data.testing.cognito.PoolUser;
import dev.skillforge.data.user.UserAccount;
import dev.skillforge.data.user.UserAccountRepository;
import dev.skillforge.data.user.UserProfileRepository;
import dev.skillforge.web.testing.LocalCognitoResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The admin user routes against the Cognito-compatible pool and dynalite: the pool's groups, sign-in and users change,
 * the account item makes every function refuse the tokens issued before, and a refreshed token carries the change.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class AdminUsersTest {

    @Inject
    UserAccountRepository accounts;

    @Inject
    UserProfileRepository profiles;

    @Test
    void anAdminChangesARoleTheOldTokensAreRefusedAndARefreshCarriesTheNewRole() throws Exception {
        String admin = signedIn(user("role-admin", "admin"));
        String refresh = pool().signIn(user("role-learner", "student").username());
        String before = pool().refresh(refresh).accessToken();
        as(before).get("/me").then().statusCode(200).body("role", equalTo("student"));

        as(admin).body(Map.of("role", "instructor")).put("/admin/users/{id}/role", "role-learner").then().statusCode(200)
                .body("id", equalTo("role-learner")).body("role", equalTo("instructor")).body("enabled", equalTo(true));
        assertEquals(Set.of("instructor"), Set.copyOf(pool().find("role-learner").orElseThrow().groups()));
        assertEquals("instructor", profiles.find("role-learner").orElseThrow().role());
        assertEquals("instructor", accounts.current("role-learner").role());

        problem(as(before).body(Map.of("name", "Old token", "version", 1)).put("/me").then(), 401, "unauthorized");
        String after = refreshedAfter(refresh, accounts.current("role-learner").tokensValidAfter());
        as(after).get("/me").then().statusCode(200).body("role", equalTo("instructor"));
        // Sending it again changes nothing more.
        as(admin).body(Map.of("role", "instructor")).put("/admin/users/{id}/role", "role-learner").then().statusCode(200);
        as(after).get("/me").then().statusCode(200);
    }

    @Test
    void disableRefusesTheUsersTokensAndSignInAndEnableLetsANewSignInWork() throws Exception {
        String admin = signedIn(user("dis-admin", "admin"));
        String refresh = pool().signIn(user("dis-learner", "student").username());
        String token = pool().refresh(refresh).accessToken();
        String course = TestCatalog.published("alice", "Disable", "One").id();
        as(token).get("/me").then().statusCode(200);

        as(admin).post("/admin/users/{id}/disable", "dis-learner").then().statusCode(200).body("enabled", equalTo(false));
        assertFalse(pool().find("dis-learner").orElseThrow().enabled());
        problem(as(token).post("/enroll/{id}", course).then(), 401, "unauthorized").body("detail", equalTo("This account is disabled."));
        assertEquals(401, eventually(() -> as(token).get("/me").then().extract().statusCode(), 401));
        LocalCognito.CognitoError refused = assertThrows(LocalCognito.CognitoError.class, () -> pool().refresh(refresh));
        assertEquals("NotAuthorizedException", refused.code());
        as(admin).post("/admin/users/{id}/disable", "dis-learner").then().statusCode(200); // again: no change
        assertEquals(Boolean.TRUE, listed(admin, "dis-learner").get("disabled"), "the admin's list shows who is disabled");

        as(admin).post("/admin/users/{id}/enable", "dis-learner").then().statusCode(200).body("enabled", equalTo(true));
        problem(as(token).post("/enroll/{id}", course).then(), 401, "unauthorized"); // signed out when disabled
        String again = refreshedAfter(pool().signIn("dis-learner"), accounts.current("dis-learner").tokensValidAfter());
        as(again).post("/enroll/{id}", course).then().statusCode(201);
        assertFalse(listed(admin, "dis-learner").containsKey("disabled"));
    }

    /** The user's entry in the admin's list of students (every page). */
    private static Map<String, Object> listed(String admin, String userId) {
        String cursor = null;
        do {
            var spec = as(admin).queryParam("role", "student").queryParam("limit", 100);
            if (cursor != null) {
                spec = spec.queryParam("cursor", cursor);
            }
            var page = spec.get("/admin/users").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                if (userId.equals(item.get("id"))) {
                    return item;
                }
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        throw new AssertionError(userId + " is not in the list");
    }

    @Test
    void aDeletedUserIsGoneFromThePoolAndTheirTokensAreRefused() throws Exception {
        String admin = signedIn(user("del-admin", "admin"));
        String token = signedIn(user("del-learner", "student"));
        as(token).get("/me").then().statusCode(200);

        as(admin).delete("/admin/users/{id}", "del-learner").then().statusCode(204);
        assertTrue(pool().find("del-learner").isEmpty());
        assertEquals(UserAccount.State.DELETED, accounts.current("del-learner").state());
        problem(as(token).body(Map.of("name", "Ghost", "version", 1)).put("/me").then(), 401, "unauthorized")
                .body("detail", equalTo("This account was deleted."));
        assertEquals(401, eventually(() -> as(token).get("/me").then().extract().statusCode(), 401));
        problem(as(admin).delete("/admin/users/{id}", "del-learner").then(), 404, "not-found");
        problem(as(admin).post("/admin/users/{id}/enable", "del-learner").then(), 404, "not-found");
    }

    @Test
    void aUserDeletesTheirOwnAccount() throws Exception {
        String token = signedIn(user("self-deleter", "student"));
        as(token).get("/me").then().statusCode(200);
        as(token).delete("/me").then().statusCode(204);
        assertTrue(pool().find("self-deleter").isEmpty());
        problem(as(token).delete("/me").then(), 401, "unauthorized");
    }

    @Test
    void noChangeLeavesThePlatformWithoutAnEnabledAdmin() throws Exception {
        String sole = signedIn(user("sole-admin", "admin"));
        problem(as(sole).body(Map.of("role", "student")).put("/admin/users/{id}/role", "sole-admin").then(), 409, "invalid-state");
        problem(as(sole).post("/admin/users/{id}/disable", "sole-admin").then(), 409, "invalid-state");
        problem(as(sole).delete("/admin/users/{id}", "sole-admin").then(), 409, "invalid-state");
        // Make it the only enabled admin, then it may not delete itself.
        for (PoolUser other : pool().users()) {
            if (!other.username().equals("sole-admin") && other.enabled() && other.groups().contains("admin")) {
                as(sole).body(Map.of("role", "student")).put("/admin/users/{id}/role", other.username()).then().statusCode(200);
            }
        }
        problem(as(sole).delete("/me").then(), 409, "invalid-state");
        assertTrue(pool().find("sole-admin").orElseThrow().groups().contains("admin"));

        // Two admins demoting each other at once: one wins, the other is refused, an admin remains.
        String other = signedIn(user("rival-admin", "admin"));
        List<CompletableFuture<Integer>> both = new ArrayList<>();
        both.add(CompletableFuture.supplyAsync(() -> as(sole).body(Map.of("role", "student"))
                .put("/admin/users/{id}/role", "rival-admin").then().extract().statusCode()));
        both.add(CompletableFuture.supplyAsync(() -> as(other).body(Map.of("role", "student"))
                .put("/admin/users/{id}/role", "sole-admin").then().extract().statusCode()));
        List<Integer> statuses = both.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(200, statuses.get(0), "one demotion went through: " + statuses);
        assertTrue(statuses.get(1) == 401 || statuses.get(1) == 409, "the other was refused: " + statuses);
        long admins = pool().users().stream().filter(user -> user.enabled() && user.groups().contains("admin")).count();
        assertEquals(1, admins);

        // Two admins deleting each other at once: the account turns deleted under the lock before the pool forgets the
        // user, so the second delete no longer counts the first one's victim as an admin who can act.
        String winner = pool().users().stream().filter(user -> user.enabled() && user.groups().contains("admin")).findFirst()
                .orElseThrow().username();
        String winnerToken = signedIn(pool().find(winner).orElseThrow());
        String newcomer = signedIn(user("newcomer-admin", "admin"));
        List<CompletableFuture<Integer>> deletes = new ArrayList<>();
        deletes.add(CompletableFuture.supplyAsync(() -> as(winnerToken).delete("/admin/users/{id}", "newcomer-admin").then().extract().statusCode()));
        deletes.add(CompletableFuture.supplyAsync(() -> as(newcomer).delete("/admin/users/{id}", winner).then().extract().statusCode()));
        List<Integer> deleteStatuses = deletes.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(204, deleteStatuses.get(0), "one delete went through: " + deleteStatuses);
        assertTrue(deleteStatuses.get(1) == 401 || deleteStatuses.get(1) == 409, "the other was refused: " + deleteStatuses);
        long active = pool().users().stream().filter(user -> user.enabled() && user.groups().contains("admin"))
                .filter(user -> accounts.current(user.username()).state() == UserAccount.State.ACTIVE).count();
        assertEquals(1, active, "one admin who can act remains");
    }

    @Test
    void aUserTheUserPoolNoLongerHasIsStillErasedIfTheirDataIsHere() {
        String admin = signedIn(user("gone-admin", "admin"));
        String token = signedIn(user("gone-from-pool", "student"));
        as(token).get("/me").then().statusCode(200);
        assertTrue(pool().removeUser("gone-from-pool")); // as a delete in the console would, leaving the user's data here
        as(admin).delete("/admin/users/{id}", "gone-from-pool").then().statusCode(204);
        assertEquals(UserAccount.State.DELETED, accounts.current("gone-from-pool").state());
        problem(as(admin).delete("/admin/users/{id}", "never-was-here").then(), 404, "not-found");
    }

    @Test
    void onlyAdminsManageUsersAndBadInputChangesNothing() {
        String admin = signedIn(user("val-admin", "admin"));
        String learner = signedIn(user("val-learner", "student"));
        problem(as(learner).body(Map.of("role", "admin")).put("/admin/users/{id}/role", "val-learner").then(), 403, "forbidden");
        problem(as(learner).post("/admin/users/{id}/disable", "val-admin").then(), 403, "forbidden");
        problem(as(learner).delete("/admin/users/{id}", "val-admin").then(), 403, "forbidden");
        problem(anonymous().post("/admin/users/{id}/enable", "val-learner").then(), 401, "unauthorized");
        problem(as(admin).body(Map.of("role", "owner")).put("/admin/users/{id}/role", "val-learner").then(), 400, "validation")
                .body("errors.field", hasItem("role"));
        problem(as(admin).body(Map.of("role", "admin", "enabled", false)).put("/admin/users/{id}/role", "val-learner").then(), 400,
                "validation").body("errors.field", hasItem("enabled"));
        problem(as(admin).body(Map.of()).put("/admin/users/{id}/role", "val-learner").then(), 400, "validation");
        problem(as(admin).body(Map.of("role", "admin")).put("/admin/users/{id}/role", "nobody-here").then(), 404, "not-found");
        problem(as(admin).post("/admin/users/{id}/disable", "no$such").then(), 404, "not-found");
        assertEquals(Set.of("student"), Set.copyOf(pool().find("val-learner").orElseThrow().groups()));
        assertTrue(pool().find("val-learner").orElseThrow().enabled());
    }

    private static LocalCognito pool() {
        return LocalCognitoResource.pool();
    }

    private static PoolUser user(String id, String role) {
        return pool().createUser(id, id + "@example.test", "User " + id, List.of(role));
    }

    private static String signedIn(PoolUser user) {
        return pool().refresh(pool().signIn(user.username())).accessToken();
    }

    /**
     * A refresh once the account's revocation time has come: token times are whole seconds, so a token minted in the
     * same second as the change is still refused (the boundary rounds up), as on AWS.
     */
    private static String refreshedAfter(String refreshToken, Instant validAfter) throws InterruptedException {
        long wait = validAfter.toEpochMilli() - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait + 10);
        }
        return pool().refresh(refreshToken).accessToken();
    }

    /** Polls (for up to 10 s) until the value is {@code expected}: the read bound of a refused token is the cache time. */
    private static int eventually(java.util.function.IntSupplier value, int expected) throws InterruptedException {
        int seen = value.getAsInt();
        for (int attempt = 0; attempt < 100 && seen != expected; attempt++) {
            Thread.sleep(100);
            seen = value.getAsInt();
        }
        return seen;
    }
}
