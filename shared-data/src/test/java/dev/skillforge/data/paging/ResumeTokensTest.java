package dev.skillforge.data.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.problem.InvalidCursor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ResumeTokensTest {

    static final String SECRET = "a-cursor-secret-of-at-least-32-characters!";
    final ResumeTokens tokens = new ResumeTokens(SECRET);
    final Map<String, AttributeValue> lastKey = Map.of("PK", AttributeValue.fromS("course#c1"), "SK", AttributeValue.fromS("course"));

    @Test
    void aRunGoesOnWhereItStoppedAndNowhereElse() {
        String token = tokens.encode("rebuild:run-1:0/4", lastKey);
        assertEquals(lastKey, tokens.decode("rebuild:run-1:0/4", token));
        assertThrows(InvalidCursor.class, () -> tokens.decode("rebuild:run-1:1/4", token));
        assertThrows(InvalidCursor.class, () -> tokens.decode("rebuild:run-2:0/4", token));
        assertNull(tokens.encode("rebuild:run-1:0/4", Map.of()));
        assertNull(tokens.decode("rebuild:run-1:0/4", null));
    }

    @Test
    void aResumeTokenIsNoListCursorAndAListCursorNoResumeToken() {
        CursorCodec lists = CursorCodec.forLists(SECRET);
        String token = tokens.encode("s", lastKey);
        String cursor = lists.encode("s", List.of("course#c1", "course"));
        assertThrows(InvalidCursor.class, () -> lists.decode("s", token));
        assertThrows(InvalidCursor.class, () -> tokens.decode("s", cursor));
    }
}
