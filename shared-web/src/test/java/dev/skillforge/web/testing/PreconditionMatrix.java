package dev.skillforge.web.testing;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The rules every change to an existing object follows (docs/problems.md), driven through one route: the caller's version
 * is required (428), checked as If-Match (RFC 9110: {@code *}, a list, strong comparison; stale 412, malformed 400) or
 * as the body's {@code version} (stale 409), and whatever is refused changes nothing.
 */
public final class PreconditionMatrix {

    private PreconditionMatrix() {
    }

    public enum Case {
        ABSENT, STALE_IF_MATCH, STALE_BODY, WEAK_TAG, MALFORMED, DISAGREEING, ANY, LIST_WITH_CURRENT, AGREEING, CURRENT_BODY
    }

    /**
     * A fresh object behind the route, at version 2 or later (so there is a stale version to send).
     *
     * @param send sends the change with the given request (headers set) and body version (null: none in the body)
     * @param version reads the object's current version, -1 when it is gone
     */
    public record Target(BiFunction<RequestSpecification, Long, Response> send, LongSupplier version) {
    }

    /** Runs one case against a freshly prepared object; {@code caller} makes a request allowed to change it. */
    public static void check(Case which, Supplier<Target> prepare, Supplier<RequestSpecification> caller) {
        Target target = prepare.get();
        long current = target.version().getAsLong();
        assertTrue(current >= 2, "the object needs a stale version below its current one: " + current);
        long stale = current - 1;
        switch (which) {
            case ABSENT -> refused(target, target.send().apply(caller.get(), null), current, 428, "precondition-required");
            case STALE_IF_MATCH -> refused(target, target.send().apply(caller.get().header("If-Match", tag(stale)), null), current,
                    412, "stale-version");
            case STALE_BODY -> refused(target, target.send().apply(caller.get(), stale), current, 409, "stale-version");
            case WEAK_TAG -> refused(target, target.send().apply(caller.get().header("If-Match", "W/" + tag(current)), null), current,
                    412, "stale-version");
            case MALFORMED -> refused(target, target.send().apply(caller.get().header("If-Match", Long.toString(current)), null),
                    current, 400, "validation");
            case DISAGREEING -> refused(target, target.send().apply(caller.get().header("If-Match", tag(current)), stale), current,
                    400, "validation");
            case ANY -> applied(target, target.send().apply(caller.get().header("If-Match", "*"), null), current);
            case LIST_WITH_CURRENT -> applied(target, target.send().apply(caller.get().header("If-Match",
                    tag(stale) + ", W/" + tag(current) + ",\"other\" , " + tag(current)), null), current);
            case AGREEING -> applied(target, target.send().apply(caller.get().header("If-Match", tag(current)), current), current);
            case CURRENT_BODY -> applied(target, target.send().apply(caller.get(), current), current);
        }
    }

    public static String tag(long version) {
        return "\"" + version + "\"";
    }

    private static void refused(Target target, Response response, long current, int status, String type) {
        var then = Http.problem(response.then(), status, type);
        if (status == 412 || status == 409) {
            assertEquals(tag(current), response.header("ETag"), "a stale version is answered with the current ETag");
        }
        if (status == 400) {
            then.body("errors.field", hasItem("If-Match"));
        }
        assertEquals(current, target.version().getAsLong(), "a refused change changes nothing");
    }

    private static void applied(Target target, Response response, long before) {
        int status = response.statusCode();
        assertTrue(status == 200 || status == 204, "applied: " + status + " " + response.asString());
        long after = target.version().getAsLong();
        assertNotEquals(before, after, "the change was applied");
        if (status == 200) {
            assertEquals(tag(after), response.header("ETag"), "the answer carries the new version as its ETag");
        }
    }
}
