package dev.skillforge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.media.MediaPurpose;
import dev.skillforge.data.media.MediaUpload;
import dev.skillforge.data.media.MediaUploadKeys;
import dev.skillforge.data.media.MediaUploadRepository;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.StreamCapture;
import dev.skillforge.data.testing.s3.LocalObjectStore;
import dev.skillforge.data.testing.s3.ObjectStoreTestConfig;
import dev.skillforge.data.user.UserProfile;
import dev.skillforge.data.user.UserProfileRepository;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Files nothing holds any more leave the bucket, fed the stream as Lambda would: a replaced cover, a replaced avatar, a
 * deleted course's cover, and an upload whose grant expired unattached. A file still held stays, whatever event names it.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class MediaCleanupTest {

    private static final String BUCKET = "skillforge-assets-local";
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    @AfterEach
    void quiet() {
        TestDynamoDbHooks.reset();
    }

    private static LocalObjectStore store() {
        return ObjectStoreTestConfig.shared();
    }

    private static String stored(String key) {
        store().put(BUCKET, key, "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' });
        return key;
    }

    private static boolean exists(String key) {
        return store().find(BUCKET, key).isPresent();
    }

    @Test
    void replacedClearedAndDeletedFilesGoHeldOnesStay() {
        StreamCapture capture = StreamCapture.start();
        SkillForgeTable table = capture.table();
        CourseRepository courses = new CourseRepository(table);
        String first = stored("courses/mc-1/cover/first.png");
        String second = stored("courses/mc-1/cover/second.png");
        Course course = new Course("mc-1", "alice", "Media", null, "data", List.of(), "beginner", first, CourseStatus.DRAFT, 1, T, T,
                "alice", null);
        courses.create(course);
        Course replaced = courses.update(course.edited("Media", null, "data", List.of(), "beginner", second, T, "alice"), 1);
        deliverUntilQuiet(capture);
        assertTrue(!exists(first), "the replaced cover is gone");
        assertTrue(exists(second), "the cover the course holds stays");

        UserProfileRepository profiles = new UserProfileRepository(table, Clock.systemUTC());
        String oldPicture = stored("users/mc-u/avatar/old.png");
        String newPicture = stored("users/mc-u/avatar/new.png");
        UserProfile profile = new UserProfile("mc-u", "u@example.test", "U", "student", null, 1, T, T, "mc-u", T, false, oldPicture);
        profiles.create(profile);
        profiles.update(profile.edited("U", null, newPicture, T), 1);
        deliverUntilQuiet(capture);
        assertTrue(!exists(oldPicture) && exists(newPicture));

        // Grants expire by TTL (a delete of the grant item): the unattached upload goes, the attached cover stays.
        MediaUploadRepository grants = new MediaUploadRepository(table);
        String abandoned = stored("courses/mc-1/cover/abandoned.png");
        for (String key : List.of(abandoned, second)) {
            grants.record(new MediaUpload(key, MediaPurpose.COVER, "mc-1", null, null, "image/png", 4, "alice", T, T.plusSeconds(60), null));
        }
        deliverUntilQuiet(capture);
        for (String key : List.of(abandoned, second)) {
            table.client().deleteItem(b -> b.tableName(table.name()).key(MediaUploadKeys.grant(key).toAttributes()));
        }
        deliverUntilQuiet(capture);
        assertTrue(!exists(abandoned), "an upload never attached is deleted once its grant expires");
        assertTrue(exists(second), "an expired grant's key that a course holds stays");

        courses.delete("mc-1", replaced.version(), "alice");
        deliverUntilQuiet(capture);
        assertTrue(!exists(second), "a deleted course's cover is gone");
    }

    private static void deliverUntilQuiet(StreamCapture capture) {
        Lambda.deliverUntilQuiet(capture, 50);
    }
}
