package dev.skillforge.data.config;

import io.smallrye.config.ConfigMapping;

/** Settings every SkillForge function shares; each has no default on purpose where a wrong guess would be unsafe. */
@ConfigMapping(prefix = "skillforge")
public interface SkillForgeConfig {

    /** The single DynamoDB table (SKILLFORGE_TABLE_NAME on Lambda). */
    String tableName();

    Cursor cursor();

    interface Cursor {
        /** HMAC key for pagination cursors; at least 32 characters. Startup fails without it. */
        String signingKey();
    }
}
