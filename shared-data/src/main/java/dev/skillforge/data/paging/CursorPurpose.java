package dev.skillforge.data.paging;

/**
 * What a sealed cursor is for. Each purpose has its own key, derived from the one configured secret: a public list's
 * cursor never opens as an operator's resume token, or the other way round.
 */
public enum CursorPurpose {

    /** The {@code nextCursor} of an HTTP list. */
    LIST("skillforge list cursor"),
    /** The {@code resumeFrom} a maintenance run (replay, aggregate rebuild) hands back to its operator. */
    RESUME("skillforge maintenance resume token");

    private final String label;

    CursorPurpose(String label) {
        this.label = label;
    }

    /** HKDF's info: binds the derived key to this purpose. */
    String label() {
        return label;
    }
}
