package dev.skillforge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.idempotency.IdempotencyKeys;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.stream.apply.Applier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each event source mapping's filter (StreamConsumer) against what that consumer's appliers actually take: every
 * entity one of them acts on passes it, nothing passes that no applier wants, and the processor's own writes are neither let
 * through nor applied. Entities and appliers are found in the compiled classes, so a new one cannot be forgotten.
 */
class StreamFilterCoverageTest {

    @Test
    void everyEntityAnApplierActsOnPassesItsConsumersFilterAndNoOtherDoes() throws Exception {
        for (StreamConsumer consumer : StreamConsumer.values()) {
            Set<String> needed = new TreeSet<>();
            for (String entity : entityTags()) {
                for (ChangeEvent event : changesOf(entity)) {
                    for (Applier applier : appliers()) {
                        if (applier.consumer() == consumer && applier.appliesTo(event)) {
                            needed.add(entity);
                        }
                    }
                }
            }
            assertEquals(needed, new TreeSet<>(consumer.entities()), consumer.name());
        }
    }

    @Test
    void theProcessorsOwnWritesAreFilteredOutAndStillSkippedIfDelivered() throws Exception {
        for (String own : StreamProcessorIdentity.OWN_ENTITIES) {
            for (StreamConsumer consumer : StreamConsumer.values()) {
                assertFalse(consumer.entities().contains(own), own);
            }
            for (ChangeEvent event : changesOf(own)) {
                for (Applier applier : appliers()) {
                    assertFalse(applier.appliesTo(event), applier.name() + " on " + own + " " + event.action());
                }
            }
        }
    }

    @Test
    void idempotencyKeysPassNoFilterAndNoApplierActsOnThem() throws Exception {
        // Every POST with an Idempotency-Key writes one (claim, answer, release, TTL delete): none may cost an invocation.
        assertTrue(entityTags().contains(IdempotencyKeys.ENTITY));
        for (StreamConsumer consumer : StreamConsumer.values()) {
            assertFalse(consumer.entities().contains(IdempotencyKeys.ENTITY), consumer.name());
            consumer.filterPatterns().forEach(pattern -> assertFalse(pattern.contains(IdempotencyKeys.ENTITY), pattern));
        }
        for (ChangeEvent event : changesOf(IdempotencyKeys.ENTITY)) {
            for (Applier applier : appliers()) {
                assertFalse(applier.appliesTo(event), applier.name() + " on " + event.action());
            }
        }
    }

    @Test
    void eachFilterNamesTheEntityAttributeOfBothImages() {
        for (StreamConsumer consumer : StreamConsumer.values()) {
            String tags = String.join("\",\"", consumer.entities());
            assertEquals(List.of("{\"dynamodb\":{\"NewImage\":{\"" + ItemWriter.ENTITY + "\":{\"S\":[\"" + tags + "\"]}}}}",
                    "{\"dynamodb\":{\"OldImage\":{\"" + ItemWriter.ENTITY + "\":{\"S\":[\"" + tags + "\"]}}}}"), consumer.filterPatterns());
        }
    }

    /**
     * An insert, an edit, a delete-announcing stamp and a delete of an item of the entity, as the decoder makes them (with
     * the state a running job item has, and a media file's key under each name that holds one, so deleting the item lets
     * the file go: the attributes an applier's choice looks at).
     */
    private static List<ChangeEvent> changesOf(String entity) {
        AttributeValue file = AttributeValue.fromS("courses/c/cover/f.png");
        Map<String, AttributeValue> item = Map.of(ItemWriter.ENTITY, AttributeValue.fromS(entity), "state", AttributeValue.fromS("running"),
                "coverImageKey", file, "videoKey", file, "avatarKey", file, "objectKey", file);
        Map<String, AttributeValue> stamped = Map.of(ItemWriter.ENTITY, AttributeValue.fromS(entity), ItemWriter.DELETED_BY,
                AttributeValue.fromS("someone"));
        return List.of(event(ChangeEvent.Action.CREATED, entity, null, item), event(ChangeEvent.Action.UPDATED, entity, item, item),
                event(ChangeEvent.Action.UPDATED, entity, item, stamped), event(ChangeEvent.Action.DELETED, entity, stamped, null),
                event(ChangeEvent.Action.DELETED, entity, item, null));
    }

    private static ChangeEvent event(ChangeEvent.Action action, String entity, Map<String, AttributeValue> oldImage,
            Map<String, AttributeValue> newImage) {
        return new ChangeEvent("event-1", "100", action, entity, oldImage, newImage, Instant.EPOCH, false);
    }

    /** The ENTITY constants of shared-data's *Keys classes: every tag an item of the table can carry. */
    private static Set<String> entityTags() throws Exception {
        Set<String> tags = new TreeSet<>();
        for (Class<?> type : classesBeside(CourseKeys.class, "dev/skillforge/data")) {
            if (type.getSimpleName().endsWith("Keys")) {
                // ENTITY, and the tags of further item kinds a Keys class holds (OUTLINE_ENTITY, SHARD_ENTITY, ...)
                for (Field field : type.getFields()) {
                    if ((field.getName().equals("ENTITY") || field.getName().endsWith("_ENTITY")) && field.getType() == String.class
                            && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                        tags.add((String) field.get(null));
                    }
                }
            }
        }
        assertTrue(tags.contains(CourseKeys.ENTITY) && tags.size() >= 10, "found the item kinds: " + tags);
        return tags;
    }

    /** One instance of every concrete applier (appliesTo reads only the event, so nothing needs injecting). */
    private static List<Applier> appliers() throws Exception {
        List<Applier> appliers = new ArrayList<>();
        for (Class<?> type : classesBeside(Applier.class, "dev/skillforge/stream")) {
            if (Applier.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())
                    && type.getName().startsWith("dev.skillforge.stream.apply.")) {
                appliers.add((Applier) type.getDeclaredConstructor().newInstance());
            }
        }
        assertTrue(appliers.size() >= 6, "found the appliers: " + appliers);
        return appliers;
    }

    /** The classes under {@code folder} of the jar or directory that {@code anchor} was loaded from. */
    private static List<Class<?>> classesBeside(Class<?> anchor, String folder) throws IOException, URISyntaxException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        if (Files.isDirectory(location)) {
            names = classNames(location, location.resolve(folder));
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                names = classNames(jar.getPath("/"), jar.getPath("/" + folder));
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, anchor.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError unloadable) {
                // not on this test's class path: not a kind of item or an applier either
            }
        }
        return classes;
    }

    private static List<String> classNames(Path root, Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.map(file -> root.relativize(file).toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }
}
