package dev.skillforge.data.table;

import java.util.List;

/**
 * The one definition of the SkillForge table: keys, indexes, stream and TTL.
 * Tests, the local run and the CDK app all build the table from this class, so it holds plain data
 * and no SDK types (see {@link DynamoTables} for the SDK request).
 */
public final class TableDesign {

    public static final String PK = "PK";
    public static final String SK = "SK";

    /** Listings: published courses newest first, users by role, enrollments and reviews by course. */
    public static final IndexDesign GSI1 = new IndexDesign("GSI1", "GSI1PK", "GSI1SK", IndexDesign.Projection.ALL);
    /** Filtered listings: published courses by category, top-rated courses (rank items), the audit log by day (sharded). */
    public static final IndexDesign GSI2 = new IndexDesign("GSI2", "GSI2PK", "GSI2SK", IndexDesign.Projection.ALL);
    /** Lookups by a secondary id (a lesson by its id alone); keys only, the item is read with GetItem. */
    public static final IndexDesign GSI3 = new IndexDesign("GSI3", "GSI3PK", "GSI3SK", IndexDesign.Projection.KEYS_ONLY);

    public static final List<IndexDesign> INDEXES = List.of(GSI1, GSI2, GSI3);

    /** Epoch seconds; DynamoDB deletes the item some time after it passes. */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    /** The stream-processor needs both images to diff edits and deletes. */
    public static final String STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES";

    /** On-demand capacity: traffic is spiky and unknown. */
    public static final String BILLING_MODE = "PAY_PER_REQUEST";

    private TableDesign() {
    }
}
