package dev.skillforge.data.item;

import java.util.UUID;
import java.util.regex.Pattern;

import dev.skillforge.data.problem.NotFound;

/** Ids the platform issues, and the check that an id from a URL cannot smuggle key syntax ('#') into a key. */
public final class Ids {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static boolean isSafe(String id) {
        return id != null && SAFE_ID.matcher(id).matches();
    }

    /** An id that could never have been issued names nothing: 404, without touching the table. */
    public static String require(String id, String what) {
        if (!isSafe(id)) {
            throw new NotFound("No " + what + " with this id.");
        }
        return id;
    }
}
