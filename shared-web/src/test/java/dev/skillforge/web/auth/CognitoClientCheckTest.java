package dev.skillforge.web.auth;

import static dev.skillforge.web.auth.CognitoClientCheck.issuedTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class CognitoClientCheckTest {

    static final String CLIENT = "our-client";

    @Test
    void idTokensAreJudgedByAud() {
        assertTrue(issuedTo(CLIENT, "id", Set.of(CLIENT), null));
        assertFalse(issuedTo(CLIENT, "id", Set.of("another-client"), null));
        assertFalse(issuedTo(CLIENT, "id", null, CLIENT));
        assertFalse(issuedTo(CLIENT, "id", Set.of(), CLIENT));
    }

    @Test
    void accessTokensAreJudgedByClientIdAndAnAudTheyCarry() {
        assertTrue(issuedTo(CLIENT, "access", null, CLIENT));
        assertTrue(issuedTo(CLIENT, "access", Set.of(), CLIENT));
        assertTrue(issuedTo(CLIENT, "access", Set.of(CLIENT), CLIENT));
        assertFalse(issuedTo(CLIENT, "access", null, "another-client"));
        assertFalse(issuedTo(CLIENT, "access", null, null));
        assertFalse(issuedTo(CLIENT, "access", Set.of("another-client"), CLIENT));
        assertFalse(issuedTo(CLIENT, "access", Set.of(CLIENT), null));
    }

    @Test
    void anyOtherTokenUseIsRefused() {
        assertFalse(issuedTo(CLIENT, null, Set.of(CLIENT), CLIENT));
        assertFalse(issuedTo(CLIENT, "refresh", Set.of(CLIENT), CLIENT));
        assertFalse(issuedTo(CLIENT, "ID", Set.of(CLIENT), CLIENT));
        assertFalse(issuedTo(CLIENT, 1, Set.of(CLIENT), CLIENT));
    }
}
