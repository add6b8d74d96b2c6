package dev.skillforge.courses.api;

/** Shared text rules for request fields: no control characters, slugs for categories and tags. */
final class Text {

    static final String SINGLE_LINE = "[^\\p{Cntrl}\\p{Cs}]*";
    static final String SINGLE_LINE_MESSAGE = "must be a single line without control characters or broken unicode";
    static final String MULTI_LINE = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\p{Cs}]*";
    static final String MULTI_LINE_MESSAGE = "must not contain control characters or broken unicode";
    static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
    static final String SLUG_MESSAGE = "must be lower-case letters and digits, words joined by '-'";

    private Text() {
    }
}
