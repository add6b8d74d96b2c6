package dev.skillforge.data.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every SkillForge function shares; each has no default on purpose where a wrong guess would be unsafe. */
@ConfigMapping(prefix = "skillforge")
public interface SkillForgeConfig {

    /** The single DynamoDB table (SKILLFORGE_TABLE_NAME on Lambda). */
    String tableName();

    Cursor cursor();

    TopRated topRated();

    Audit audit();

    Priming priming();

    Auth auth();

    Stream stream();

    Users users();

    Assets assets();

    Media media();

    interface Cursor {
        /**
         * The secret the cursor keys are derived from (SKILLFORGE_CURSOR_SECRET: on AWS a generated Secrets Manager secret
         * that CloudFormation resolves at deploy time; never in the template). At least 32 characters; startup fails
         * without it. See dev.skillforge.data.paging.CursorCodec.
         */
        String secret();
    }

    interface TopRated {
        /** Reviews a published course needs before it enters the top-rated index. */
        @WithDefault("3")
        int minReviews();
    }

    interface Priming {
        /** Whether init (and a SnapStart checkpoint) exercises what the first request needs; off in tests. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Auth {
        /**
         * The Cognito app client id whose ID and access tokens the HTTP functions accept (SKILLFORGE_AUTH_CLIENT_ID).
         * Optional here only because the stream-processor takes no tokens: an HTTP function does not start without it
         * (see dev.skillforge.web.auth.CognitoClientCheck).
         */
        Optional<String> clientId();
    }

    interface Stream {
        /**
         * Which stream consumers this function is (SKILLFORGE_STREAM_CONSUMERS: aggregates, records; the deployed consumers
         * are one each). Only the stream-processor's package reads it.
         */
        @WithDefault("aggregates,records")
        java.util.List<String> consumers();

        /**
         * How long a difference the aggregate rebuild found must stand still before a repair run corrects it: longer than a
         * record can stay in the stream (24 hours), so every change from before the check has been applied, parked, or
         * (a consumer a day behind) trimmed by the stream, which the iterator-age alarm reports long before.
         */
        @WithDefault("PT25H")
        Duration rebuildSettle();

        /**
         * How long after a user's erasure began its last sweep of their partition may start: longer than any HTTP function
         * runs (15 s), so a write admitted just before the account turned deleted has landed and is swept.
         */
        @WithDefault("PT20S")
        Duration erasureSettle();
    }

    /**
     * The assets bucket (SKILLFORGE_ASSETS_BUCKET) and how large and how long-lived an upload grant may be; the functions
     * that store media use it (shared-media).
     */
    interface Assets {

        /** Absent in functions that store no media; the local run and tests name their local bucket. */
        Optional<String> bucket();

        /** How long a presigned PUT may start: S3 checks the expiry when the upload begins, not when it ends. */
        @WithDefault("5M")
        Duration uploadExpiry();

        /** How long after its grant an uploaded key may be attached; unattached objects are deleted after that. */
        @WithDefault("24H")
        Duration attachWindow();

        @WithDefault("5242880")
        long maxCoverBytes();

        @WithDefault("2097152")
        long maxAvatarBytes();

        @WithDefault("1073741824")
        long maxLessonFileBytes();

        /** Region of the bucket; absent means the function's own region (AWS_REGION on Lambda). */
        Optional<String> region();

        /** An S3 endpoint other than AWS's (the local cloud's S3 stand-in, served by path); absent on AWS. */
        Optional<java.net.URI> endpoint();
    }

    /** Where media is delivered from (the CDN in front of the assets bucket) and how lesson files are signed (shared-web). */
    interface Media {

        /** SKILLFORGE_MEDIA_PUBLIC_BASE_URL: https://<distribution domain> on AWS, the local CDN's URL locally. */
        Optional<String> publicBaseUrl();

        /** SKILLFORGE_MEDIA_KEY_PAIR_ID: the id of the CloudFront public key whose private half signs (courses-service only). */
        Optional<String> keyPairId();

        /**
         * SKILLFORGE_MEDIA_SIGNING_KEY: the RSA private key as PKCS#8 PEM. On AWS, CloudFormation resolves it from Secrets
         * Manager at deploy time (the template holds only the reference), so no request waits on Secrets Manager.
         */
        Optional<String> signingKey();

        /** How long a lesson file's signed URL lasts: long enough to watch a lesson, short enough that a shared link dies. */
        @WithDefault("2H")
        Duration lessonFileUrlLifetime();

        /**
         * Signed URLs expire on multiples of this, so the same lesson read twice within it carries the same URL (its ETag
         * holds, and a browser's cached copy of the file stays valid) while no URL lives longer than lifetime + step.
         */
        @WithDefault("10M")
        Duration lessonFileUrlStep();
    }

    interface Users {
        /**
         * The Cognito user pool the admin user routes change (SKILLFORGE_USERS_POOL_ID): only enrollments-service has it,
         * and only it may call the pool's admin actions.
         */
        Optional<String> poolId();

        /** Where the Cognito API is when it is not AWS's regional endpoint: the local run's and the tests' stand-in. */
        Optional<java.net.URI> endpointOverride();

        /**
         * How long a function reuses what it read of a user's account for a request that only reads (GET, HEAD): the bound
         * on how long a disabled, deleted or re-roled user's unexpired token can still read. Writes always read it afresh.
         */
        @WithDefault("PT30S")
        Duration accountCacheTtl();
    }

    interface Audit {
        /** How long audit entries are kept; they expire through the table's TTL attribute. */
        @WithDefault("P90D")
        Duration retention();
    }
}
