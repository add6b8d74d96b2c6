package dev.skillforge.stream.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.course.CourseCodec;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.lesson.LessonCodec;
import dev.skillforge.data.lesson.LessonKeys;
import dev.skillforge.data.media.MediaUploadCodec;
import dev.skillforge.data.media.MediaUploadKeys;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.user.UserKeys;
import dev.skillforge.data.user.UserProfileCodec;
import dev.skillforge.media.ObjectStore;
import dev.skillforge.stream.ChangeEvent;
import io.quarkus.logging.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deletes stored files nothing uses any more: a course's cover, a lesson's file or a user's avatar once replaced, cleared
 * or deleted with its item (so a deleted course's files go as its cascade deletes its lessons), and an upload whose grant
 * expired without it ever being attached. Before deleting, the item that would hold the key is read strongly consistent:
 * a key attached there now (a replayed event, an attach that beat the grant's expiry) stays. Deleting is idempotent on S3,
 * so a redelivered record is harmless.
 */
@ApplicationScoped
public class MediaCleanup implements BatchApplier {

    /** The item attribute that holds a file's key, per entity. */
    private static final Map<String, String> KEY_ATTRIBUTES = Map.of(CourseKeys.ENTITY, CourseCodec.COVER_IMAGE_KEY,
            LessonKeys.ENTITY, LessonCodec.VIDEO_KEY, UserKeys.ENTITY, UserProfileCodec.AVATAR_KEY);

    @Inject
    SkillForgeTable table;

    @Inject
    ObjectStore store;

    @Override
    public String name() {
        return "media-cleanup";
    }

    @Override
    public StreamConsumer consumer() {
        return StreamConsumer.RECORDS;
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return !released(event).isEmpty();
    }

    @Override
    public void applyAll(List<ChangeEvent> events) {
        Set<String> released = new LinkedHashSet<>();
        events.forEach(event -> released.addAll(released(event)));
        Map<String, Key> owners = new HashMap<>();
        for (String key : released) {
            Key owner = owner(key);
            if (owner != null) {
                owners.put(key, owner);
            } else {
                Log.warnf("Not deleting %s: not a key this platform issues", key);
            }
        }
        Map<Key, Map<String, AttributeValue>> current = new HashMap<>();
        for (Map<String, AttributeValue> item : table.batchGetConsistent(owners.values().stream().distinct().toList())) {
            current.put(new Key(Items.string(item, TableDesign.PK), Items.string(item, TableDesign.SK)), item);
        }
        for (Map.Entry<String, Key> entry : owners.entrySet()) {
            Map<String, AttributeValue> owner = current.get(entry.getValue());
            if (owner != null && KEY_ATTRIBUTES.values().stream().anyMatch(name -> entry.getKey().equals(Items.string(owner, name)))) {
                continue;
            }
            store.delete(entry.getKey());
            Log.infof("Deleted media %s: no longer attached", entry.getKey());
        }
    }

    /** The keys an event lets go of: a file key the item no longer holds, or an expired grant's key. */
    static List<String> released(ChangeEvent event) {
        List<String> keys = new ArrayList<>();
        if (MediaUploadKeys.ENTITY.equals(event.entity())) {
            String key = event.oldImage() == null ? null : Items.string(event.oldImage(), MediaUploadCodec.OBJECT_KEY);
            if (event.action() == ChangeEvent.Action.DELETED && key != null) {
                keys.add(key);
            }
            return keys;
        }
        String attribute = KEY_ATTRIBUTES.get(event.entity());
        if (attribute == null || event.oldImage() == null) {
            return keys;
        }
        String before = Items.string(event.oldImage(), attribute);
        String after = event.newImage() == null ? null : Items.string(event.newImage(), attribute);
        if (before != null && !Objects.equals(before, after)) {
            keys.add(before);
        }
        return keys;
    }

    /** The item that holds a key when it is attached, from the key's own path (UploadGrants.prefix). */
    static Key owner(String key) {
        String[] parts = key.split("/");
        if (parts.length == 4 && parts[0].equals("courses") && parts[2].equals("cover")) {
            return CourseKeys.primary(parts[1]);
        }
        if (parts.length == 5 && parts[0].equals("courses") && parts[2].equals("lessons")) {
            return LessonKeys.primary(parts[1], parts[3]);
        }
        if (parts.length == 4 && parts[0].equals("users") && parts[2].equals("avatar")) {
            return UserKeys.profile(parts[1]);
        }
        return null;
    }
}
