package dev.skillforge.web.preconditions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.problem.StaleVersion;

/** If-Match as RFC 9110 section 13.1.1 reads it, and the version rules built on it. */
class IfMatchTest {

    @Test
    void anAbsentHeaderIsNoCondition() {
        assertNull(IfMatch.parse(null));
    }

    @Test
    void aStarMatchesAnyCurrentVersion() {
        assertTrue(IfMatch.parse("*").matches(1));
        assertTrue(IfMatch.parse(" * ").matches(42));
    }

    @Test
    void aListMatchesWhenAnyOfItsStrongTagsIsTheCurrentVersion() {
        IfMatch list = IfMatch.parse("\"1\", \"7\",\"3\"");
        assertTrue(list.matches(3));
        assertTrue(list.matches(7));
        assertFalse(list.matches(2));
        // empty list elements are ignored (RFC 9110 section 5.6.1)
        assertTrue(IfMatch.parse(", \"4\" ,, ").matches(4));
        // a comma inside an opaque tag is part of the tag
        assertFalse(IfMatch.parse("\"4,5\"").matches(4));
    }

    @Test
    void theComparisonIsStrong() {
        assertFalse(IfMatch.parse("W/\"3\"").matches(3), "a weak tag never matches");
        assertFalse(IfMatch.parse("W/\"3\", \"4\"").matches(3));
        assertFalse(IfMatch.parse("\"03\"").matches(3), "opaque tags compare character by character");
        assertFalse(IfMatch.parse("\"abc\"").matches(3), "a well-formed tag this API never issued matches nothing");
    }

    @Test
    void aHeaderThatIsNotTheSyntaxIsABadRequestNamingIt() {
        for (String malformed : new String[] { "3", "\"3", "3\"", "w/\"3\"", "W/3", "\"3\" \"4\"", "*, \"3\"", "\"3\", *", "",
                " ", ",", "\"a b\"", "\"3\"x", "'3'", "\"\u20ac\"" }) {
            InvalidInput refused = assertThrows(InvalidInput.class, () -> IfMatch.parse(malformed), malformed);
            assertEquals("If-Match", refused.errors().get(0).field(), malformed);
        }
    }

    @Test
    void theVersionIsRequiredAndCheckedAgainstTheCurrentOne() {
        PreconditionRequired absent = assertThrows(PreconditionRequired.class, () -> ExpectedVersion.of((String) null, null).check(2));
        assertEquals(428, absent.status());

        assertEquals(2, ExpectedVersion.of("\"2\"", null).check(2));
        assertEquals(2, ExpectedVersion.of("*", null).check(2));
        assertEquals(2, ExpectedVersion.of((String) null, 2L).check(2));
        assertEquals(2, ExpectedVersion.of("\"2\"", 2L).check(2), "both, naming the same version");

        StaleVersion ifMatch = assertThrows(StaleVersion.class, () -> ExpectedVersion.of("\"1\"", null).check(2));
        assertEquals(412, ifMatch.status());
        assertEquals("\"2\"", ifMatch.headers().get("ETag"));
        StaleVersion body = assertThrows(StaleVersion.class, () -> ExpectedVersion.of((String) null, 1L).check(2));
        assertEquals(409, body.status());
        assertEquals("\"2\"", body.headers().get("ETag"));
        assertEquals(412, assertThrows(StaleVersion.class, () -> ExpectedVersion.of("W/\"2\"", null).check(2)).status());
    }

    @Test
    void aHeaderHandedOverAsSeveralValuesIsReadAsOneList() {
        assertEquals(2, ExpectedVersion.of(java.util.List.of("\"1\"", " \"2\""), null).check(2));
        assertThrows(PreconditionRequired.class, () -> ExpectedVersion.of(java.util.List.of(), null).check(2));
        assertThrows(PreconditionRequired.class, () -> ExpectedVersion.of((java.util.List<String>) null, null).check(2));
    }

    @Test
    void ifMatchAndABodyVersionThatDisagreeAreABadRequest() {
        for (String header : new String[] { "\"1\"", "*", "\"2\", \"1\"", "W/\"2\"" }) {
            InvalidInput refused = assertThrows(InvalidInput.class, () -> ExpectedVersion.of(header, 2L), header);
            assertEquals("If-Match", refused.errors().get(0).field());
        }
    }

    @Test
    void aWriteThatFoundAnotherVersionIsAnsweredInTheCallersTerms() {
        StaleVersion raced = new StaleVersion(2, 3);
        assertEquals(412, ExpectedVersion.of("\"2\"", null).stale(raced).status());
        assertEquals(409, ExpectedVersion.of((String) null, 2L).stale(raced).status());
        assertEquals("\"3\"", ExpectedVersion.of("\"2\"", null).stale(raced).headers().get("ETag"));
    }
}
