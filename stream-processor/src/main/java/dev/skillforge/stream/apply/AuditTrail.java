package dev.skillforge.stream.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.audit.AuditEntry;
import dev.skillforge.data.audit.AuditRepository;
import dev.skillforge.data.audit.FieldChange;
import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.lesson.LessonKeys;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.review.ReviewKeys;
import dev.skillforge.data.user.UserKeys;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.stream.ChangeEvent;
import io.quarkus.logging.Log;
import org.jboss.logging.MDC;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One audit entry per change to a course, lesson, enrollment, review, progress item or user account (role, state): who, what, when and
 * which fields changed. Keyed by the stream event id, with content that follows from the event alone, so a replay
 * writes the same item again and adds nothing; written in batches, it expires through TTL after the configured
 * retention, and is also logged as one JSON line.
 */
@ApplicationScoped
public class AuditTrail implements BatchApplier {

    static final Set<String> AUDITED = Set.of(CourseKeys.ENTITY, LessonKeys.ENTITY, LessonKeys.OUTLINE_ENTITY, EnrollmentKeys.ENTITY,
            ReviewKeys.ENTITY, ProgressKeys.ENTITY, UserKeys.ACCOUNT_ENTITY);
    /** Keys, index keys and bookkeeping: recorded as the entry's own fields or not at all. */
    static final Set<String> NOT_FIELDS = Set.of(TableDesign.PK, TableDesign.SK, TableDesign.GSI1.partitionKey(),
            TableDesign.GSI1.sortKey(), TableDesign.GSI2.partitionKey(), TableDesign.GSI2.sortKey(), TableDesign.GSI3.partitionKey(),
            TableDesign.GSI3.sortKey(), ItemWriter.ENTITY, ItemWriter.SCHEMA_VERSION, ItemWriter.CREATED_AT, ItemWriter.UPDATED_AT,
            ItemWriter.UPDATED_BY, ItemWriter.DELETED_BY, ItemWriter.DELETED_AT, ItemWriter.CORRELATION_ID);
    static final int SMALL_TEXT = 200;
    /**
     * Fields whose words are a person's own: the entry says they changed, never what they said, so a user's erasure leaves
     * nothing of theirs in the audit log but their pseudonymous id.
     */
    static final Map<String, Set<String>> OWN_WORDS = Map.of(ReviewKeys.ENTITY, Set.of("title", "text"));
    static final String SYSTEM = "system";

    /** Quarkus's mapper: built at startup with its modules, no ServiceLoader scan on the first audit line. */
    @Inject
    ObjectMapper json;

    @Inject
    AuditRepository audit;

    @Inject
    SkillForgeConfig config;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public StreamConsumer consumer() {
        return StreamConsumer.RECORDS;
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return AUDITED.contains(event.entity()) && !event.isDeletionStamp();
    }

    @Override
    public void applyAll(List<ChangeEvent> events) {
        List<AuditEntry> entries = events.stream().map(this::entry).toList();
        audit.recordAll(entries);
        // One log line per entry written; a redelivered record logs again (the table keeps one entry).
        for (AuditEntry entry : entries) {
            if (entry.correlationId() != null) {
                MDC.put(ItemWriter.CORRELATION_ID, entry.correlationId());
            }
            Log.info(line(entry));
            MDC.remove(ItemWriter.CORRELATION_ID);
        }
    }

    private AuditEntry entry(ChangeEvent event) {
        Map<String, AttributeValue> item = event.current();
        Instant changedAt = changedAt(event);
        return new AuditEntry(event.entity(), entityId(event.entity(), item), event.action().name().toLowerCase(),
                actor(event), Items.string(item, ItemWriter.CORRELATION_ID), changedAt, event.eventId(),
                changes(event.oldImage(), event.newImage(), OWN_WORDS.getOrDefault(event.entity(), Set.of())),
                changedAt.plus(config.audit().retention()));
    }

    /** Deletes name the deleter the writer stamped; a delete without a stamp came from the system (cascade, TTL). */
    static String actor(ChangeEvent event) {
        if (event.action() == ChangeEvent.Action.DELETED) {
            String deleter = Items.string(event.oldImage(), ItemWriter.DELETED_BY);
            return deleter != null ? deleter : SYSTEM;
        }
        String writer = Items.string(event.newImage(), ItemWriter.UPDATED_BY);
        return writer != null ? writer : SYSTEM;
    }

    /** The writer's own time when the image has it (milliseconds), else the stream's approximate time. */
    static Instant changedAt(ChangeEvent event) {
        Instant stamped = event.action() == ChangeEvent.Action.DELETED
                ? Items.instant(event.oldImage(), ItemWriter.DELETED_AT)
                : Items.instant(event.newImage(), ItemWriter.UPDATED_AT);
        return stamped != null ? stamped : event.approximateTime();
    }

    /** Ids that cannot collide: ':' never appears in an id. */
    static String entityId(String entity, Map<String, AttributeValue> item) {
        return switch (entity) {
            case "course", "courseOutline" -> Items.string(item, "courseId");
            // the pool's pseudonymous id: an account item holds no name or email
            case UserKeys.ACCOUNT_ENTITY -> Items.string(item, "userId");
            case "lesson" -> Items.string(item, "courseId") + ":" + Items.string(item, "lessonId");
            case "enrollment" -> Items.string(item, "userId") + ":" + Items.string(item, "courseId");
            case "review" -> Items.string(item, "courseId") + ":" + Items.string(item, "userId");
            // one item per learner and course; per-lesson items stored before it also name their lesson
            case "progress" -> Items.string(item, "userId") + ":" + Items.string(item, "courseId")
                    + (item.containsKey("lessonId") ? ":" + Items.string(item, "lessonId") : "");
            default -> Items.string(item, TableDesign.PK) + ":" + Items.string(item, TableDesign.SK);
        };
    }

    /** Changed fields; values only for small scalars (numbers, booleans, short strings). Deletes list no fields. */
    static List<FieldChange> changes(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        return changes(oldImage, newImage, Set.of());
    }

    /** The same, with the values of {@code withoutValues} left out. */
    static List<FieldChange> changes(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage, Set<String> withoutValues) {
        List<FieldChange> changes = new ArrayList<>();
        if (newImage == null) {
            return changes;
        }
        Set<String> fields = new TreeSet<>(newImage.keySet());
        if (oldImage != null) {
            fields.addAll(oldImage.keySet());
        }
        for (String field : fields) {
            if (NOT_FIELDS.contains(field)) {
                continue;
            }
            AttributeValue before = oldImage == null ? null : oldImage.get(field);
            AttributeValue after = newImage.get(field);
            if (!Objects.equals(before, after)) {
                boolean hidden = withoutValues.contains(field);
                changes.add(new FieldChange(field, hidden ? null : small(before), hidden ? null : small(after)));
            }
        }
        return changes;
    }

    private static String small(AttributeValue value) {
        if (value == null) {
            return null;
        }
        if (value.n() != null) {
            return value.n();
        }
        if (value.bool() != null) {
            return value.bool().toString();
        }
        if (value.s() != null && value.s().length() <= SMALL_TEXT) {
            return value.s();
        }
        return null;
    }

    private String line(AuditEntry entry) {
        try {
            return json.writeValueAsString(Map.of("audit", entry));
        } catch (Exception e) {
            return "audit " + entry.entity() + " " + entry.entityId() + " " + entry.action();
        }
    }
}
