package dev.skillforge.data.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.Dynalite;

/**
 * docs/data-model.md carries the access-pattern table rendered from {@link KeyCatalog}; this test fails when
 * they differ. Regenerate with: ./mvnw -pl shared-data test -Dtest=KeyCatalogDocTest -Dskillforge.docs.write=true
 */
class KeyCatalogDocTest {

    static final String BEGIN = "<!-- access-patterns:begin (generated from KeyCatalog) -->\n";
    static final String END = "<!-- access-patterns:end -->";

    @Test
    void dataModelDocumentListsEveryAccessPatternExactly() throws Exception {
        Path doc = Dynalite.home().getParent().getParent().resolve("docs/data-model.md");
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/data-model.md needs the generated-table markers");
        String expected = text.substring(0, begin + BEGIN.length()) + KeyCatalog.renderMarkdown() + text.substring(end);
        if (Boolean.getBoolean("skillforge.docs.write")) {
            Files.writeString(doc, expected);
            text = expected;
        }
        assertEquals(expected, text, "docs/data-model.md is stale: regenerate it (see this test's Javadoc)");
    }
}
