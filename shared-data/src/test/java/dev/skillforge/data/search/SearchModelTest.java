package dev.skillforge.data.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The index's pure parts: positions and their sort-key bounds, words and weights, prefix lists, summaries. */
class SearchModelTest {

    static final Instant T = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void positionsRankByScoreThenNewestThenIdAndBoundEachWordsPostings() {
        SearchPosition title = new SearchPosition(6, T, "b");
        assertTrue(new SearchPosition(4, T.plusSeconds(60), "z").isAfter(title));
        assertTrue(new SearchPosition(6, T.minusMillis(1), "z").isAfter(title));
        assertTrue(new SearchPosition(6, T, "a").isAfter(title));
        assertFalse(title.isAfter(title));

        // the word itself (factor 2): postings after a score of 6 are those below weight 3 at this time and id
        assertEquals("3#2026-03-04T05:06:07.000Z#b", title.sortKeyBelow(2));
        // a longer word (factor 1) scores at most 3: all of its postings come after a 6
        assertEquals("6", title.sortKeyBelow(1).substring(0, 1));
        assertTrue("3#9999".compareTo(title.sortKeyBelow(1)) < 0);
        // a score no posting of the word can have: the weights below it
        assertEquals("2", new SearchPosition(3, T, "b").sortKeyBelow(2));
        assertEquals("2", new SearchPosition(3, T, "b").sortKeyAtOrAbove(2));
        assertEquals("2#2026-03-04T05:06:07.000Z#b", new SearchPosition(4, T, "b").sortKeyAtOrAbove(2));
    }

    @Test
    void aCoursesWordsScoreTheWordItselfTwiceAndTheBestWordWins() {
        TermWeights terms = TermWeights.parse(TermWeights.encode(Map.of("spring", 2, "springboard", 3, "java", 3)));
        assertEquals(4, terms.score("spring", null), "the tag spring, whole: 2 x 2 beats the title springboard's 3");
        assertEquals(3, terms.score("spri", null));
        assertEquals(3, terms.score("spring", List.of("springboard")), "only the words looked up count");
        assertEquals(0, terms.score("kotlin", null));
        assertEquals("spring", terms.bestOf("spring", List.of("spring", "springboard")));
        assertEquals("springboard", terms.bestOf("spri", List.of("spring", "springboard")));
        assertEquals(null, terms.bestOf("spring", List.of("java")));
    }

    @Test
    void aPrefixListKeepsTheMostUsedWordsWithCountsWithinAQuarter() {
        PrefixWords list = PrefixWords.none("ja").with("java", 8).with("jazz", 1);
        assertEquals(List.of("java", "jazz"), list.startingWith("ja"));
        assertSame(list, list.with("java", 10), "8 -> 10 is within a quarter: not rewritten");
        assertEquals(11L, list.with("java", 11).count("java"));
        assertEquals(List.of("java"), list.with("jazz", 0).startingWith("ja"), "a word no course has leaves");
        assertTrue(list.complete());
        PrefixWords full = list;
        for (int i = 0; i < PrefixWords.MAX_WORDS; i++) {
            full = full.with("ja" + (char) ('a' + i) + "x", 5);
        }
        assertEquals(PrefixWords.MAX_WORDS, full.counts().size());
        assertFalse(full.complete());
        assertTrue(full.counts().containsKey("java"));
        assertFalse(full.counts().containsKey("jazz"), "the least used left out");
        assertEquals(full, PrefixWords.fromItem(full.toItem()));
    }

    @Test
    void aSummaryIsTheDescriptionCutAfterAWholeWord() {
        assertEquals(null, CourseCard.summary("  "));
        assertEquals("Short and sweet.", CourseCard.summary(" Short\\n and   sweet. ".replace("\\n", "\n")));
        String summary = CourseCard.summary("word ".repeat(100));
        assertTrue(summary.length() <= CourseCard.SUMMARY_CHARS, summary);
        assertTrue(summary.endsWith("word\u2026"), summary);
        String unbroken = CourseCard.summary("\uD83D\uDE00".repeat(200));
        assertTrue(unbroken.length() <= CourseCard.SUMMARY_CHARS);
        assertFalse(Character.isHighSurrogate(unbroken.charAt(unbroken.length() - 2)), "no half character before the ellipsis");
    }
}
