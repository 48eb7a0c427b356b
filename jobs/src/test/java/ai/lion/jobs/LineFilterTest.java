package ai.lion.jobs;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineFilterTest {

    @Test
    void theSameDiffChatterIsDroppedAndEverythingElsePassesLineByLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream filtered = LineFilter.sameDiffChatter(target, StandardCharsets.UTF_8);

        filtered.println("Training stopped after 2 epochs");
        filtered.println("Added differentiated op matmul_3");
        filtered.print("Checkpoint: ");
        filtered.println("file:/runs/ä/ckpt-000002");
        filtered.println("Added differentiated op ExternalErrorsFn");
        filtered.print("no newline at the end: Added differentiated op x");
        assertEquals("Training stopped after 2 epochs\nCheckpoint: file:/runs/ä/ckpt-000002\n",
                bytes.toString(StandardCharsets.UTF_8));

        filtered.close();
        assertEquals("Training stopped after 2 epochs\nCheckpoint: file:/runs/ä/ckpt-000002\n"
                + "no newline at the end: Added differentiated op x", bytes.toString(StandardCharsets.UTF_8));
    }
}
