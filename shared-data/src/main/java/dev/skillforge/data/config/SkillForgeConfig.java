package dev.skillforge.data.config;

import java.time.Duration;

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

    interface Cursor {
        /** HMAC key for pagination cursors; at least 32 characters. Startup fails without it. */
        String signingKey();
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

    interface Audit {
        /** How long audit entries are kept; they expire through the table's TTL attribute. */
        @WithDefault("P90D")
        Duration retention();
    }
}
