package dev.skillforge.web.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.problem.InvalidInput;

class ObjectKeysTest {

    static final String PREFIX = "courses/c1/cover/";

    @Test
    void keysAreCheckedAfterDecodingAndNormalizing() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("courses/c1/cover/../c2/x.png", "must not contain '.' or '..' segments"),
                Map.entry("courses/c1/cover/%2e%2e/x.png", "must not contain '.' or '..' segments"),
                Map.entry("courses/c1/cover/%2E%2e%2fx.png", "must not contain '.' or '..' segments"),
                Map.entry("courses/c1/cover/./x.png", "must not contain '.' or '..' segments"),
                Map.entry("courses/c1/cover//x.png", "must not contain an empty segment"),
                Map.entry("courses/c1/cover/", "must not contain an empty segment"),
                Map.entry("/courses/c1/cover/x.png", "must not start with '/'"),
                Map.entry("%2Fcourses/c1/cover/x.png", "must not start with '/'"),
                Map.entry("courses\\c1\\cover\\x.png", "must separate its segments with '/', not '\\'"),
                Map.entry("courses/c1/cover/x%5C..%5Cy", "must separate its segments with '/', not '\\'"),
                Map.entry("courses/c1/cover/x\u0001.png", "must not contain control characters"),
                Map.entry("courses/c1/cover/x%0A.png", "must not contain control characters"),
                Map.entry("courses/c1/cover/x\u200B.png", "must not contain control characters"),
                Map.entry("courses/c1/cover/%", "has a malformed percent-escape"),
                Map.entry("courses/c1/cover/%4", "has a malformed percent-escape"),
                Map.entry("courses/c1/cover/%C3", "has a malformed percent-escape"),
                Map.entry("courses/c1/cover/%25%32%65", "may contain only letters, digits, '.', '_', '-' and '/'"),
                Map.entry("courses/c1/cover/\u2024\u2024/x", "may contain only letters, digits, '.', '_', '-' and '/'"),
                Map.entry("courses/c1/cover/x:y", "may contain only letters, digits, '.', '_', '-' and '/'"),
                Map.entry("", "must not be empty"),
                Map.entry("courses/c1/cover/" + "x".repeat(284), "must be at most 300 characters"));
        refused.forEach((key, message) -> assertEquals(Optional.of(message), ObjectKeys.problem(key), key));
    }

    @Test
    void theCanonicalFormIsWhatIsKept() {
        assertEquals("courses/c1/cover/abc.png", ObjectKeys.normalize("k", "courses/c1/cover/%61bc.png"));
        assertEquals("courses/c1/cover/abc.png", ObjectKeys.normalize("k", "courses%2Fc1%2Fcover%2Fabc.png"));
        assertEquals("courses/c1/cover/Kb.png", ObjectKeys.normalize("k", "courses/c1/cover/\u212Ab.png"));
        // '+' is not a form's space: it stays '+', which no issued key contains
        assertEquals(Optional.of("may contain only letters, digits, '.', '_', '-' and '/'"), ObjectKeys.problem("courses/c1/cover/a+b.png"));
        assertEquals("courses/c1/cover/" + "x".repeat(283), ObjectKeys.normalize("k", "courses/c1/cover/" + "x".repeat(283)));
        assertNull(ObjectKeys.normalize("k", null));
    }

    @Test
    void aKeyMustLieStrictlyUnderItsPrefix() {
        assertEquals("courses/c1/cover/x.png", ObjectKeys.requireUnder("coverImageKey", "courses/c1/cover/x.png", PREFIX, "not yours"));
        for (String elsewhere : new String[] { "courses/c2/cover/x.png", "courses/c1/coverx.png", "courses/c1/cover", "courses/c1/lessons/x.png",
                "courses/c10/cover/x.png" }) {
            InvalidInput refused = assertThrows(InvalidInput.class, () -> ObjectKeys.requireUnder("coverImageKey", elsewhere, PREFIX, "not yours"));
            assertEquals("coverImageKey", refused.errors().get(0).field());
            assertEquals("not yours", refused.errors().get(0).message());
        }
        InvalidInput traversal = assertThrows(InvalidInput.class,
                () -> ObjectKeys.requireUnder("coverImageKey", "courses/c1/cover/../../c2/cover/x.png", PREFIX, "not yours"));
        assertTrue(traversal.errors().get(0).message().contains(".."));
    }
}
