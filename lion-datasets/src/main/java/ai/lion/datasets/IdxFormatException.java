package ai.lion.datasets;

import java.io.IOException;

/** An idx file is malformed; the message names the file and what is wrong with it. */
public final class IdxFormatException extends IOException {

    private final String source;

    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public IdxFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file (or stream name) that is malformed. */
    public String source() {
        return source;
    }
}
