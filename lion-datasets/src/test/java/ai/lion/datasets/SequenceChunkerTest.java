package ai.lion.datasets;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceChunkerTest {

    @Test
    void cutsAfterTheLastSpaceInTheSecondHalfOfTheWindow() {
        // maxLength 12 leaves 10 bytes per piece
        assertEquals(List.of("hello ", "world ", "again"), pieces("hello world again", 12));
    }

    @Test
    void cutsLongWordsAtTheWindowEnd() {
        assertEquals(List.of("abcdefghij", "klmnop"), pieces("abcdefghijklmnop", 12));
        assertEquals(List.of("a bcdefghij", "klmno"), pieces("a bcdefghijklmno", 13), "a space in the first half is ignored");
    }

    @Test
    void neverSplitsAMultiByteCharacter() {
        // 'a' then six two-byte 'é': byte 10 is the second byte of the fifth 'é', so the cut moves back to 9
        assertEquals(List.of("aéééé", "éé"), pieces("aéééééé", 12));
        assertEquals(List.of("🦁🦁", "🦁"), pieces("🦁🦁🦁", 11)); // 4-byte characters, 9-byte window
    }

    @Test
    void framesEveryPieceAndReassemblesTheDocument() {
        SplittableRandom random = new SplittableRandom(3);
        String alphabet = "abc de\nfé🦁 ";
        StringBuilder text = new StringBuilder();
        while (text.length() < 5000) {
            text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        List<int[]> sequences = new SequenceChunker(64).chunk(text.toString());

        StringBuilder reassembled = new StringBuilder();
        for (int[] sequence : sequences) {
            assertTrue(sequence.length <= 64 && sequence.length > 2);
            assertEquals(ByteTokenizer.CLS, sequence[0]);
            assertEquals(ByteTokenizer.SEP, sequence[sequence.length - 1]);
            reassembled.append(ByteTokenizer.decode(sequence)); // each piece decodes on its own
        }
        assertEquals(text.toString(), reassembled.toString());
        assertEquals(List.of(), new SequenceChunker(64).chunk(""));
    }

    @Test
    void rejectsLengthsTooShortForACharacter() {
        assertThrows(IllegalArgumentException.class, () -> new SequenceChunker(5));
    }

    private static List<String> pieces(String text, int maxLength) {
        return new SequenceChunker(maxLength).chunk(text).stream()
                .peek(sequence -> assertTrue(sequence.length <= maxLength, Arrays.toString(sequence)))
                .map(ByteTokenizer::decode).toList();
    }
}
