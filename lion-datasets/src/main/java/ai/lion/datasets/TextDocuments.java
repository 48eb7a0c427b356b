package ai.lion.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits plain text into documents of clean paragraphs.
 *
 * <p>A line matching {@code documentStart} begins a new document (the lines before the first match form
 * one document too). Inside a document, paragraphs are runs of non-blank lines; each paragraph's lines
 * are joined with single spaces and runs of white space collapse to one space, which undoes hard line
 * wrapping. Paragraphs of fewer than {@code minParagraphWords} words (tables of contents, index lists,
 * stray headings) are dropped, except the paragraph that starts a document (its title or headword).
 * A document is kept only if it holds more text than its starting line. Paragraphs are joined with
 * newlines.
 */
final class TextDocuments {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private final Pattern documentStart;
    private final int minParagraphWords;

    TextDocuments(Pattern documentStart, int minParagraphWords) {
        this.documentStart = documentStart;
        this.minParagraphWords = minParagraphWords;
    }

    /** The documents of the text read from {@code lines}, in order. */
    List<String> read(BufferedReader lines) throws IOException {
        List<String> documents = new ArrayList<>();
        Document current = new Document(false);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (documentStart.matcher(line).lookingAt()) {
                current.finish(documents);
                current = new Document(true);
            }
            current.addLine(line);
        }
        current.finish(documents);
        return documents;
    }

    /** A document being assembled line by line. */
    private final class Document {
        private final boolean titled;
        private final List<String> paragraphs = new ArrayList<>();
        private final StringBuilder paragraph = new StringBuilder();
        private int paragraphLines;
        private boolean hasBody;

        Document(boolean titled) {
            this.titled = titled;
        }

        void addLine(String line) {
            if (line.isBlank()) {
                endParagraph();
            } else {
                paragraph.append(' ').append(line);
                paragraphLines++;
            }
        }

        void finish(List<String> documents) {
            endParagraph();
            if (hasBody) {
                documents.add(String.join("\n", paragraphs));
            }
        }

        private void endParagraph() {
            String text = WHITE_SPACE.matcher(paragraph).replaceAll(" ").trim();
            int lines = paragraphLines;
            paragraph.setLength(0);
            paragraphLines = 0;
            if (text.isEmpty()) {
                return;
            }
            boolean isTitle = titled && paragraphs.isEmpty();
            if (isTitle || text.split(" ").length >= minParagraphWords) {
                paragraphs.add(text);
                hasBody |= !isTitle || lines > 1; // a title followed directly by text carries a body
            }
        }
    }
}
