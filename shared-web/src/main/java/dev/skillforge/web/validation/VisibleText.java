package dev.skillforge.web.validation;

/** Whether a text shows anything: the rule behind {@link NotBlankText}. */
public final class VisibleText {

    private VisibleText() {
    }

    /** True when at least one code point shows something (a letter, digit, mark on a base, symbol, punctuation...). */
    public static boolean hasVisible(CharSequence text) {
        return text.codePoints().anyMatch(VisibleText::isVisible);
    }

    /**
     * Invisible: whitespace and every space separator (Zs, Zl, Zp: U+00A0, U+2007, U+202F, U+3000...), controls (Cc),
     * format characters (Cf: U+200B zero-width space, U+200C/U+200D joiners, U+2060 word joiner, U+FEFF, U+00AD soft
     * hyphen, bidirectional marks, tags), lone surrogates, and combining marks (Mn, Mc, Me), which show only on a visible
     * base; plus the letters and symbols Unicode itself marks default-ignorable or blank by design (Hangul fillers,
     * the Khmer inherent vowels, the braille blank, and the unassigned code points reserved as default-ignorable). Other
     * unassigned and private-use code points count as visible: they may be assigned, or drawn by the reader's font, where
     * this JDK cannot tell.
     */
    static boolean isVisible(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return false;
        }
        switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.ENCLOSING_MARK -> {
                return false;
            }
            default -> {
                return !isBlankByDesign(codePoint);
            }
        }
    }

    private static boolean isBlankByDesign(int codePoint) {
        if (isReservedIgnorable(codePoint)) {
            return true;
        }
        return switch (codePoint) {
            case 0x115F, 0x1160, 0x3164, 0xFFA0, // Hangul choseong and jungseong fillers, Hangul filler, halfwidth filler
                    0x17B4, 0x17B5, // Khmer inherent vowels
                    0x2800 -> true; // braille pattern blank
            default -> false;
        };
    }

    /**
     * Code points Unicode reserves as default-ignorable (DerivedCoreProperties: Default_Ignorable_Code_Point), so that a
     * renderer shows nothing for them even before they are assigned: U+2065, U+FFF0..U+FFF8 and the tag and variation
     * selector planes' reserve U+E0000..U+E0FFF. Assigned ones are format characters or marks, invisible above already.
     */
    private static boolean isReservedIgnorable(int codePoint) {
        return codePoint == 0x2065 || (codePoint >= 0xFFF0 && codePoint <= 0xFFF8) || (codePoint >= 0xE0000 && codePoint <= 0xE0FFF);
    }
}
