package ai.lion.datasets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteTokenizerTest {

    @Test
    void encodesEachUtf8ByteAsItsValuePlusFour() {
        assertArrayEquals(new int[] {4 + 'H', 4 + 'i'}, ByteTokenizer.encode("Hi"));
        assertArrayEquals(new int[] {4 + 0xC3, 4 + 0xA9}, ByteTokenizer.encode("é"));
        assertArrayEquals(new int[0], ByteTokenizer.encode(""));
        assertEquals(260, ByteTokenizer.VOCAB_SIZE);
    }

    @Test
    void decodingInvertsEncoding() {
        for (String text : new String[] {"", "plain ASCII, with punctuation!", "naïve café — “quotes”",
                "日本語のテキスト", "emoji 🦁 outside the BMP", "tabs\tand\nnewlines\r\n", "\u0000 nul"}) {
            assertEquals(text, ByteTokenizer.decode(ByteTokenizer.encode(text)));
        }
    }

    @Test
    void decodingSkipsFramingTokens() {
        int[] framed = {ByteTokenizer.CLS, 4 + 'o', 4 + 'k', ByteTokenizer.SEP, ByteTokenizer.PAD, ByteTokenizer.PAD};
        assertEquals("ok", ByteTokenizer.decode(framed));
    }

    @Test
    void decodingRejectsMaskUnknownIdsAndInvalidUtf8() {
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                () -> ByteTokenizer.decode(new int[] {4 + 'a', ByteTokenizer.MASK}));
        assertTrue(mask.getMessage().startsWith("token 3 at position 1"), mask.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ByteTokenizer.decode(new int[] {260}));
        IllegalArgumentException utf8 = assertThrows(IllegalArgumentException.class,
                () -> ByteTokenizer.decode(new int[] {4 + 0xA9}));
        assertTrue(utf8.getMessage().contains("not valid UTF-8"), utf8.getMessage());
    }
}
