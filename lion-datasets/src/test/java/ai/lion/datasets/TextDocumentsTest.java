package ai.lion.datasets;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextDocumentsTest {

    private static final String TEXT = String.join("\n",
            "                     The Title",
            "",
            "   Table of Contents",
            "",
            "   1. Intro",
            "",
            "   A front-matter paragraph that is long enough to keep.",
            "",
            "Chapter 1. Intro",
            "",
            "   This paragraph is wrapped",
            "   over   two lines.",
            "",
            "   Too short.",
            "",
            "   :alpha: n.",
            "",
            "   The first letter, used here as an entry with a body.",
            "   ",
            "   :beta:",
            "",
            "   tiny",
            "",
            "│ table │ row │ that │ does not start a document │",
            "   :gamma: adj.",
            "   Headword and body on adjacent lines form one paragraph.");

    @Test
    void splitsAtDocumentStartsAndCleansParagraphs() throws IOException {
        TextDocuments parser = new TextDocuments(Pattern.compile(TextMlmConfig.JARGON_DOCUMENT_START), 4);

        List<String> documents = parser.read(new BufferedReader(new StringReader(TEXT)));

        assertEquals(List.of(
                "A front-matter paragraph that is long enough to keep.",
                "Chapter 1. Intro\nThis paragraph is wrapped over two lines.",
                ":alpha: n.\nThe first letter, used here as an entry with a body.",
                ":beta:\n│ table │ row │ that │ does not start a document │",
                ":gamma: adj. Headword and body on adjacent lines form one paragraph."), documents);
    }

    @Test
    void withoutFilteringEveryParagraphIsKept() throws IOException {
        TextDocuments parser = new TextDocuments(Pattern.compile("#"), 0);

        List<String> documents = parser.read(new BufferedReader(new StringReader("a\nb\n\nc\n#x\n\ny")));

        assertEquals(List.of("a b\nc", "#x\ny"), documents);
    }
}
