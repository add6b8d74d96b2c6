package dev.skillforge.stream.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.lesson.LessonKeys;
import dev.skillforge.data.user.UserKeys;
import dev.skillforge.stream.ChangeEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Which keys a change lets go of, and whose item would hold a key: no table or bucket needed. */
class MediaKeysReleasedTest {

    private static Map<String, AttributeValue> item(String entity, String attribute, String key) {
        return key == null ? Map.of("entity", AttributeValue.fromS(entity))
                : Map.of("entity", AttributeValue.fromS(entity), attribute, AttributeValue.fromS(key));
    }

    private static ChangeEvent event(ChangeEvent.Action action, String entity, Map<String, AttributeValue> before,
            Map<String, AttributeValue> after) {
        return new ChangeEvent("e1", "1", action, entity, before, after, Instant.EPOCH, false);
    }

    @Test
    void aReplacedClearedOrDeletedFileIsReleasedAnUnchangedOneIsNot() {
        String a = "courses/c1/cover/a.png";
        String b = "courses/c1/cover/b.png";
        assertEquals(List.of(a), MediaCleanup.released(event(ChangeEvent.Action.UPDATED, CourseKeys.ENTITY,
                item(CourseKeys.ENTITY, "coverImageKey", a), item(CourseKeys.ENTITY, "coverImageKey", b))));
        assertEquals(List.of(a), MediaCleanup.released(event(ChangeEvent.Action.UPDATED, CourseKeys.ENTITY,
                item(CourseKeys.ENTITY, "coverImageKey", a), item(CourseKeys.ENTITY, "coverImageKey", null))));
        assertEquals(List.of(), MediaCleanup.released(event(ChangeEvent.Action.UPDATED, CourseKeys.ENTITY,
                item(CourseKeys.ENTITY, "coverImageKey", a), item(CourseKeys.ENTITY, "coverImageKey", a))));
        String file = "courses/c1/lessons/l1/f.mp4";
        assertEquals(List.of(file), MediaCleanup.released(event(ChangeEvent.Action.DELETED, LessonKeys.ENTITY,
                item(LessonKeys.ENTITY, "videoKey", file), null)));
        String avatar = "users/u1/avatar/p.webp";
        assertEquals(List.of(avatar), MediaCleanup.released(event(ChangeEvent.Action.DELETED, UserKeys.ENTITY,
                item(UserKeys.ENTITY, "avatarKey", avatar), null)));
        assertEquals(List.of(), MediaCleanup.released(event(ChangeEvent.Action.CREATED, CourseKeys.ENTITY, null,
                item(CourseKeys.ENTITY, "coverImageKey", a))));
    }

    @Test
    void anExpiredGrantReleasesItsKey() {
        Map<String, AttributeValue> grant = Map.of("entity", AttributeValue.fromS("mediaUpload"), "objectKey", AttributeValue.fromS("users/u1/avatar/p.png"));
        assertEquals(List.of("users/u1/avatar/p.png"), MediaCleanup.released(event(ChangeEvent.Action.DELETED, "mediaUpload", grant, null)));
        assertEquals(List.of(), MediaCleanup.released(event(ChangeEvent.Action.CREATED, "mediaUpload", null, grant)));
    }

    @Test
    void theOwnerOfAKeyComesFromItsPath() {
        assertEquals(CourseKeys.primary("c1"), MediaCleanup.owner("courses/c1/cover/a.png"));
        assertEquals(LessonKeys.primary("c1", "l1"), MediaCleanup.owner("courses/c1/lessons/l1/f.mp4"));
        assertEquals(UserKeys.profile("u1"), MediaCleanup.owner("users/u1/avatar/p.png"));
        assertNull(MediaCleanup.owner("courses/c1/other/a.png"));
        assertNull(MediaCleanup.owner("elsewhere.png"));
    }
}
