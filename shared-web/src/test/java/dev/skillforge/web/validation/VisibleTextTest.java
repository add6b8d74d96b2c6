package dev.skillforge.web.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class VisibleTextTest {

    @Test
    void textsThatShowNothingAreNotVisible() {
        for (String nothing : List.of("", " ", "\t\n\r", "\u00A0", "\u1680", "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A",
                "\u2028\u2029", "\u202F", "\u205F", "\u3000", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u200E\u200F",
                "\u202A\u202B\u202C\u202D\u202E", "\u2066\u2067\u2068\u2069", "\u061C", "\u180E", "\u0000\u0007\u007F\u0085",
                "\u0301", "\u0300\u0301\u0302", "\u20DD", "\uFE0F", "\u034F", "\u115F", "\u1160", "\u3164", "\uFFA0", "\u17B4\u17B5", "\u2800",
                "\uDB40\uDC20", "\uD800", " \u200B\u00A0\u3000\uFEFF ", "\u2065", "\uFFF0\uFFF8", "\uDB40\uDD00\uDB43\uDFFF")) {
            assertFalse(VisibleText.hasVisible(nothing), () -> "visible: " + nothing.codePoints().mapToObj(Integer::toHexString).toList());
        }
    }

    @Test
    void anyVisibleCharacterMakesTheTextVisible() {
        for (String something : List.of("a", " a ", "\u200Ba\u200B", "e\u0301", "\u00E9", "\u6f22", "\uD83D\uDE00", "1", ".", "-", "\u00A0x",
                "\u0915\u094D\u200D\u0937", "\uE000")) {
            assertTrue(VisibleText.hasVisible(something), something);
        }
    }
}
