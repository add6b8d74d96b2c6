package dev.skillforge.infra;

import java.util.List;
import java.util.Map;

import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.table.IndexDesign;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.TableDesign;

/**
 * What each function may do on the table: the DynamoDB actions its repositories call and the indexes it queries
 * (see docs/data-model.md for the access pattern behind each). Nothing else is granted; no wildcard actions. Every HTTP
 * function serves Idempotency-Key on its POSTs (IdempotentPosts): PutItem to claim a key, GetItem to read it, UpdateItem
 * to store the answer and DeleteItem to release it after a 5xx.
 */
record FunctionAccess(List<String> actions, List<IndexDesign> indexes) {

    private static final List<String> READ = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");

    static final Map<String, FunctionAccess> BY_FUNCTION = Map.of(
            // Catalog and authoring: courses (GSI1 newest, GSI2 by category), lessons by id (GSI3), search postings and prefix
            // items read, enrollment check for lesson content; lesson writes in transactions with the outline, publish
            // checking the outline and a last lesson's delete checking the course (ConditionCheckItem).
            RouteTable.COURSES, new FunctionAccess(with(READ, "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"), TableDesign.INDEXES),
            // Enrollments (each with the learner's progress item, in one transaction), profiles (users by role on GSI1), a
            // course's learners (GSI1), the audit log (GSI1, GSI2).
            RouteTable.ENROLLMENTS, new FunctionAccess(with(READ, "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem"), List.of(TableDesign.GSI1, TableDesign.GSI2)),
            // Progress and quiz attempts in the learner's partition (a course's completion in a transaction with the
            // enrollment); the outline and its lesson-key counter in the course partition (keys given once to an outline
            // stored before them). DeleteItem only
            // releases an idempotency claim (IAM could narrow it with dynamodb:LeadingKeys, which the local cloud's IAM
            // does not evaluate, so the grant is the action alone; no progress code deletes).
            RouteTable.PROGRESS, new FunctionAccess(with(READ, "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                    List.of()),
            // Reviews (newest first on GSI1), ratings and top-rated (GSI2); a new review checks its author's enrollment in
            // its transaction (ConditionCheckItem).
            RouteTable.REVIEWS, new FunctionAccess(with(READ, "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"), List.of(TableDesign.GSI1, TableDesign.GSI2)),
            // Counters in transactions (marker puts, counter-shard updates; the rebuild's correction checks every shard),
            // roll-ups, shard tombstones, parked
            // records; Scan and a course's enrollments (GSI1) only for the maintenance rebuild.
            StreamConsumer.AGGREGATES.functionName(), new FunctionAccess(with(READ, "dynamodb:Scan", "dynamodb:PutItem",
                    "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem", "dynamodb:BatchWriteItem"), List.of(TableDesign.GSI1)),
            // Audit entries in batches; the search index (postings put and deleted one by one on their position, word counts
            // in transactions of UpdateItems, the rebuild's published list on GSI1); the course cascade (a course's
            // enrollments by GSI1, its job item, running jobs by GSI1), parked records.
            StreamConsumer.RECORDS.functionName(), new FunctionAccess(with(READ, "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"), List.of(TableDesign.GSI1)));

    private static List<String> with(List<String> base, String... more) {
        return java.util.stream.Stream.concat(base.stream(), java.util.Arrays.stream(more)).toList();
    }
}
