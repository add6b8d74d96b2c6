package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.user.UserAccount;
import dev.skillforge.data.user.UserAccountRepository;
import dev.skillforge.data.user.UserProfileRepository;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Tokens the JWT authorizer would still pass, refused by every function once the user's account item says so: writes at
 * once, reads once the function's cached read of the account is older than skillforge.users.account-cache-ttl (1 s in
 * tests, 30 s deployed). The account items are written here as the admin routes write them (AdminUsersTest drives those).
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class AccountGateTest {

    @Inject
    UserAccountRepository accounts;

    @Inject
    UserProfileRepository profiles;

    @Test
    void aDisabledUsersTokenIsRefusedForWritesAtOnceAndForReadsWithinTheCacheTime() throws Exception {
        String token = TestTokens.student("gate-disabled");
        as(token).get("/me").then().statusCode(200); // this function now holds a read of the (absent) account
        store(UserAccount.unrestricted("gate-disabled").revokedAt(Instant.now(), UserAccount.State.DISABLED, "student", "admin-1"));

        problem(as(token).body(Map.of("name", "Still me", "version", 1)).put("/me").then(), 401, "unauthorized")
                .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                .body("detail", equalTo("This account is disabled."));
        problem(as(token).post("/enroll/{id}", TestCatalog.published("alice", "Gate", "One").id()).then(), 401, "unauthorized");
        assertEquals(401, eventuallyRefused(as(token)::get, "/me").statusCode());
        assertEquals("Still me".equals(profiles.find("gate-disabled").orElseThrow().name()), false, "the refused edit changed nothing");
    }

    @Test
    void aTokenIssuedBeforeASignOutOrRoleChangeIsRefusedAndAFreshOneIsAdmitted() {
        String old = TestTokens.student("gate-revoked");
        UserAccount revoked = store(UserAccount.unrestricted("gate-revoked").revokedAt(Instant.now(), UserAccount.State.ACTIVE, "student", "admin-1"));
        problem(as(old).body(Map.of("name", "Old", "version", 1)).put("/me").then(), 401, "unauthorized");
        String fresh = TestTokens.accessToken("gate-revoked").roles("student").issuedAt(revoked.tokensValidAfter()).sign();
        as(fresh).get("/me").then().statusCode(200);
        as(fresh).body(Map.of("name", "New", "version", 1)).put("/me").then().statusCode(200).body("name", equalTo("New"));
    }

    @Test
    void aDeletedUsersTokenIsRefusedEvenIfIssuedLater() {
        store(UserAccount.unrestricted("gate-deleted").revokedAt(Instant.now(), UserAccount.State.DELETED, "student", "gate-deleted"));
        String later = TestTokens.accessToken("gate-deleted").roles("student").issuedAt(Instant.now().plusSeconds(2)).sign();
        problem(as(later).get("/me").then(), 401, "unauthorized").body("detail", equalTo("This account was deleted."));
        problem(as(later).body(Map.of("name", "Ghost", "version", 1)).put("/me").then(), 401, "unauthorized");
        assertTrue(profiles.find("gate-deleted").isEmpty(), "no profile was made for a deleted user");
    }

    /** Within the read cache a stale token may still read, but GET /me must not write the role it carries back. */
    @Test
    void aTokenWithTheRoleFromBeforeAChangeCannotWriteItBackIntoTheProfile() {
        String studentToken = TestTokens.student("gate-promoted");
        as(studentToken).get("/me").then().statusCode(200).body("role", equalTo("student"));
        var profile = profiles.find("gate-promoted").orElseThrow();
        profiles.update(profile.withIdentity(profile.email(), "instructor", Instant.now()).by("admin-1"), profile.version());
        store(UserAccount.unrestricted("gate-promoted").revokedAt(Instant.now(), UserAccount.State.ACTIVE, "instructor", "admin-1"));

        problem(as(studentToken).get("/me").then(), 401, "unauthorized");
        assertEquals("instructor", profiles.find("gate-promoted").orElseThrow().role());
    }

    private UserAccount store(UserAccount account) {
        assertTrue(accounts.saveIfUnchanged(account));
        return account;
    }

    /** The read bound: refused once the cached read is older than the cache time (1 s here); polls for up to 10 s. */
    private static Response eventuallyRefused(java.util.function.Function<String, Response> get, String path) throws InterruptedException {
        Response response = get.apply(path);
        for (int attempt = 0; attempt < 100 && response.statusCode() != 401; attempt++) {
            Thread.sleep(100);
            response = get.apply(path);
        }
        return response;
    }
}
