package dev.skillforge.stream.failure;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.cascade.CascadeJobKeys;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.paging.ResumeTokens;
import dev.skillforge.data.stream.ParkedRecordKeys;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.stream.ChangeProcessor;
import dev.skillforge.stream.ConsumerSelection;
import dev.skillforge.stream.apply.CascadeStep;
import io.quarkus.logging.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * MAINTENANCE (an operator invokes a stream consumer's function directly with {@code {"maintenance": "replay-parked"}},
 * see docs/operations.md): replays the consumer's parked records through the same processing as the stream, in
 * stream order, exactly once as ever (the aggregates' markers outlive parked records; audit entries are keyed by
 * event; the search index is brought to the course as it is now). Each record that succeeds is removed; at the first
 * that fails again the rest of that course's records stay parked (they keep their order) and the other courses go on.
 * A record parked longer than {@link ParkedRecords#REPLAYABLE_FOR} is not replayed (its marker may have expired). The records consumer also
 * resumes its stalled cascades and any running one whose job has not moved for {@link #STUCK_AFTER} (its step's
 * records were dropped). Stops after {@link #BUDGET} and says so: run it again with the {@code resumeFrom} it returned
 * until {@code more} is false.
 */
@ApplicationScoped
public class ParkedReplay {

    public static final String NAME = "replay-parked";
    static final Duration BUDGET = Duration.ofSeconds(40);
    static final Duration STUCK_AFTER = Duration.ofMinutes(15);
    static final int PAGE = 100;

    @Inject
    ParkedRecords parked;

    @Inject
    ChangeProcessor processor;

    @Inject
    ConsumerSelection selection;

    @Inject
    CascadeStep cascades;

    @Inject
    SkillForgeTable table;

    @Inject
    Clock clock;

    /** Sealed resume tokens, scoped to the consumer's partition the key belongs to. */
    @Inject
    ResumeTokens tokens;

    private static String scope(StreamConsumer consumer, int partition) {
        return "replay-parked:" + consumer.id() + ":" + partition;
    }

    /** {@code resumeFrom}: null to start, else what the previous run returned ({@code <consumer>|<partition>|<key>}). */
    public ReplayReport run(String resumeFrom) {
        Instant deadline = clock.instant().plus(BUDGET);
        int replayed = 0;
        int failedAgain = 0;
        int unreplayable = 0;
        boolean more = false;
        String stoppedAt = null;
        String[] cursor = resumeFrom == null || resumeFrom.isBlank() ? null : resumeFrom.split("\\|", -1);
        List<StreamConsumer> consumers = selection.consumers().stream().sorted().toList();
        int firstConsumer = cursor == null ? 0 : Math.max(0, consumers.indexOf(StreamConsumer.of(cursor[0])));
        for (int c = firstConsumer; c < consumers.size() && !more; c++) {
            StreamConsumer consumer = consumers.get(c);
            boolean resuming = cursor != null && c == firstConsumer;
            for (int partition = resuming ? Integer.parseInt(cursor[1]) : 0; partition < ParkedRecordKeys.PARTITIONS && !more; partition++) {
                // A course whose record failed again keeps the rest of its records parked (their order matters); the
                // other courses go on.
                Set<String> failedCourses = new HashSet<>();
                Map<String, AttributeValue> start = resuming && partition == Integer.parseInt(cursor[1])
                        ? tokens.decode(scope(consumer, partition), cursor[2].isEmpty() ? null : cursor[2]) : null;
                do {
                    QueryResponse page = parked.page(consumer, partition, start, PAGE);
                    Map<String, List<ParkedRecords.Parked>> byCourse = new LinkedHashMap<>();
                    for (Map<String, AttributeValue> item : page.items()) {
                        ParkedRecords.Parked record = parked.decode(item);
                        boolean tooOld = record.parkedAt() == null
                                || record.parkedAt().plus(ParkedRecords.REPLAYABLE_FOR).isBefore(clock.instant());
                        if (tooOld || record.record().dynamodb() == null || (record.record().dynamodb().newImage() == null
                                && record.record().dynamodb().oldImage() == null)) {
                            // Too old (its event's marker may be gone, so it could count twice) or kept without images.
                            unreplayable++;
                            continue;
                        }
                        String course = String.valueOf(ParkedRecords.courseOf(record.record()));
                        if (failedCourses.contains(course)) {
                            failedAgain++;
                            continue;
                        }
                        byCourse.computeIfAbsent(course, k -> new ArrayList<>()).add(record);
                    }
                    for (Map.Entry<String, List<ParkedRecords.Parked>> course : byCourse.entrySet()) {
                        List<ParkedRecords.Parked> records = course.getValue();
                        records.sort(Comparator.comparing(r -> new BigInteger(r.record().dynamodb().sequenceNumber())));
                        ChangeProcessor.Outcome outcome = processor.process(records.stream().map(ParkedRecords.Parked::record).toList(),
                                true, Set.of(consumer));
                        int succeeded = outcome.failedFrom();
                        parked.remove(records.subList(0, succeeded).stream().map(ParkedRecords.Parked::key).toList());
                        replayed += succeeded;
                        if (succeeded < records.size()) {
                            failedAgain += records.size() - succeeded;
                            failedCourses.add(course.getKey());
                        }
                    }
                    start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                    if (clock.instant().isAfter(deadline)) {
                        // Where the next run goes on: the rest of this partition, or the next one.
                        more = start != null || partition < ParkedRecordKeys.PARTITIONS - 1 || c < consumers.size() - 1;
                        if (more) {
                            stoppedAt = start != null ? consumer.id() + "|" + partition + "|" + tokens.encode(scope(consumer, partition), start)
                                    : partition < ParkedRecordKeys.PARTITIONS - 1 ? consumer.id() + "|" + (partition + 1) + "|"
                                    : consumers.get(c + 1).id() + "|0|";
                        }
                    }
                } while (start != null && !more);
            }
        }
        int resumed = selection.includes(StreamConsumer.RECORDS) ? resumeCascades() : 0;
        ReplayReport report = new ReplayReport(replayed, failedAgain, unreplayable, resumed, more, stoppedAt);
        Log.infof("Replay of parked stream records: %s", report);
        return report;
    }

    /** Stalled cascades, and running ones whose job has not moved for {@link #STUCK_AFTER}, go on from their checkpoints. */
    private int resumeCascades() {
        List<String> courses = new ArrayList<>();
        String stuckBefore = Timestamps.sortable(clock.instant().minus(STUCK_AFTER));
        for (String state : List.of(CascadeJobKeys.STALLED, CascadeJobKeys.RUNNING)) {
            table.queryAll(software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder()
                            .indexName(TableDesign.GSI1.name())
                            .keyConditionExpression("GSI1PK = :pk AND GSI1SK < :before")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CascadeJobKeys.statePartition(state)),
                                    ":before", AttributeValue.fromS(state.equals(CascadeJobKeys.STALLED) ? "~" : stuckBefore)))
                            .projectionExpression("courseId"), 1_000)
                    .forEach(job -> courses.add(Items.string(job, "courseId")));
        }
        int resumed = 0;
        for (String courseId : courses) {
            if (cascades.resume(courseId)) {
                resumed++;
            }
        }
        return resumed;
    }

}
