package ai.lion.spark.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The JSON mapper of this package and the checks for caller-supplied JSON text. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final int MAX_QUOTED_CHARS = 80;

    private Json() {
    }

    /** Returns an immutable copy of {@code lines} if each is one JSON object on a single line. */
    static List<String> requireObjectLines(String what, List<String> lines) {
        if (lines == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = what + " line " + (i + 1);
            if (line == null) {
                throw new IllegalArgumentException(where + " is null");
            }
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(where + " contains a line break: " + quote(line));
            }
            if (!parse(where, line).isObject()) {
                throw new IllegalArgumentException(where + " is not a JSON object: " + quote(line));
            }
        }
        return List.copyOf(lines);
    }

    /** {@code lines} as UTF-8 text, each line ended by a newline. */
    static byte[] linesToBytes(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The non-blank lines of UTF-8 {@code text}. */
    static List<String> linesOf(byte[] text) {
        return new String(text, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }

    private static JsonNode parse(String what, String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not well-formed JSON (" + e.getOriginalMessage()
                    + "): " + quote(json), e);
        }
    }

    private static String quote(String text) {
        String shown = text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "...";
        return "'" + shown + "'";
    }
}
