package dev.skillforge.data.keys;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps that sort as strings: UTC, always millisecond precision, so "newest first" is a key order. */
public final class Timestamps {

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }

    public static Instant parse(String value) {
        return Instant.parse(value);
    }

    /** Stored instants are truncated to millis so what is read back equals what was written. */
    public static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
