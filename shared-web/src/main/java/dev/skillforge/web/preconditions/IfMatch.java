package dev.skillforge.web.preconditions;

import java.util.ArrayList;
import java.util.List;

import dev.skillforge.data.problem.InvalidInput;

/**
 * An If-Match header as RFC 9110 (section 13.1.1) defines it: {@code *}, or a comma-separated list of entity tags of which
 * any one may match. Matching is the strong comparison: a weak tag ({@code W/"3"}) never matches, and opaque tags are
 * compared character for character. A header that is not this syntax is a 400 naming {@code If-Match}.
 */
public final class IfMatch {

    static final String HEADER = "If-Match";
    private static final String SYNTAX = "must be * or a comma-separated list of entity tags, such as \"3\" (the ETag this API returned)";

    private final boolean any;
    private final List<EntityTag> tags;

    private IfMatch(boolean any, List<EntityTag> tags) {
        this.any = any;
        this.tags = List.copyOf(tags);
    }

    /** One entity tag: its opaque part without the quotes, and whether it was marked weak. */
    public record EntityTag(boolean weak, String opaque) {
    }

    /** The parsed header, or null when the request has none. */
    public static IfMatch parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.equals("*")) {
            return new IfMatch(true, List.of());
        }
        List<EntityTag> tags = new ArrayList<>();
        int at = 0;
        while (true) {
            at = skipSpace(value, at);
            if (at == value.length()) {
                break;
            }
            if (value.charAt(at) == ',') {
                at++; // an empty list element, which RFC 9110 (section 5.6.1) asks recipients to ignore
                continue;
            }
            boolean weak = value.startsWith("W/", at);
            int open = weak ? at + 2 : at;
            if (open >= value.length() || value.charAt(open) != '"') {
                throw malformed();
            }
            int close = value.indexOf('"', open + 1);
            if (close < 0) {
                throw malformed();
            }
            String opaque = value.substring(open + 1, close);
            if (!opaque.chars().allMatch(IfMatch::isEtagChar)) {
                throw malformed();
            }
            tags.add(new EntityTag(weak, opaque));
            at = skipSpace(value, close + 1);
            if (at < value.length() && value.charAt(at) != ',') {
                throw malformed(); // two tags need a comma between them
            }
        }
        if (tags.isEmpty()) {
            throw malformed(); // blank, or commas only: no tag to compare
        }
        return new IfMatch(false, tags);
    }

    /** True when the header lets a change to the representation tagged {@code "<version>"} go ahead. */
    public boolean matches(long version) {
        if (any) {
            return true; // the object exists (callers answer 404 before asking)
        }
        String current = Long.toString(version);
        return tags.stream().anyMatch(tag -> !tag.weak() && tag.opaque().equals(current));
    }

    /**
     * True when the header lets a request on the representation whose strong ETag is {@code etag} (quoted) go ahead; a
     * representation without one ({@code null}) matches only {@code *}.
     */
    public boolean matchesTag(String etag) {
        if (any) {
            return true;
        }
        return etag != null && !etag.startsWith("W/") && tags.stream().anyMatch(tag -> !tag.weak() && ("\"" + tag.opaque() + "\"").equals(etag));
    }

    /** True when the header is exactly one strong tag naming this version (how it may agree with a body's version). */
    boolean isExactly(long version) {
        return !any && tags.size() == 1 && !tags.get(0).weak() && tags.get(0).opaque().equals(Long.toString(version));
    }

    private static int skipSpace(String value, int at) {
        while (at < value.length() && (value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    /** etagc of RFC 9110: visible ASCII except the double quote, and obs-text. */
    private static boolean isEtagChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    private static InvalidInput malformed() {
        return new InvalidInput(HEADER, SYNTAX);
    }
}
