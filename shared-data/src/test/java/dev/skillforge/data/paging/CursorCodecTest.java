package dev.skillforge.data.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.problem.InvalidCursor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CursorCodecTest {

    final CursorCodec codec = new CursorCodec("a-signing-key-of-at-least-32-characters!");
    final Map<String, AttributeValue> lastKey = Map.of("PK", AttributeValue.fromS("course#1"), "SK", AttributeValue.fromS("course"),
            "GSI1SK", AttributeValue.fromS("2026-01-01T00:00:00.000Z#1"), "n", AttributeValue.fromN("42"));

    @Test
    void roundTripsTheLastEvaluatedKeyWithinItsScope() {
        String cursor = codec.encode("courses:published", lastKey);
        assertEquals(lastKey, codec.decode("courses:published", cursor));
    }

    @Test
    void noKeyMeansNoCursorAndNoCursorMeansTheFirstPage() {
        assertNull(codec.encode("s", Map.of()));
        assertNull(codec.decode("s", null));
    }

    @Test
    void aCursorIsValidOnlyForTheListThatIssuedIt() {
        String cursor = codec.encode("me-enrollments:alice", lastKey);
        assertThrows(InvalidCursor.class, () -> codec.decode("me-enrollments:bob", cursor));
    }

    @Test
    void anyChangedCharacterIsDetected() {
        String cursor = codec.encode("s", lastKey);
        for (int i = 0; i < cursor.length(); i += 3) {
            char c = cursor.charAt(i);
            String tampered = cursor.substring(0, i) + (c == 'A' ? 'B' : 'A') + cursor.substring(i + 1);
            if (!tampered.equals(cursor)) {
                assertThrows(InvalidCursor.class, () -> codec.decode("s", tampered), "position " + i);
            }
        }
    }

    @Test
    void garbageAndCursorsSignedWithAnotherKeyAreRejected() {
        String foreign = new CursorCodec("another-signing-key-of-32-characters!!").encode("s", lastKey);
        for (String bad : new String[] { "", ".", "abc", "abc.def", "%%%.%%%", foreign, "x".repeat(5000) }) {
            assertThrows(InvalidCursor.class, () -> codec.decode("s", bad), bad);
        }
    }

    @Test
    void shortSigningKeysAreRefusedAtStartup() {
        assertThrows(IllegalStateException.class, () -> new CursorCodec("short"));
    }
}
