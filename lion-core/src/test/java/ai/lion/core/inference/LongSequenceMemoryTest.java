package ai.lion.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 65,536-token sequence through a freshly initialised LION classifier (width 256, 4 heads, 4
 * blocks, SELECTIVE, CHUNK form) in a child JVM limited to a 1 GB heap and 2 GB of ND4J off-heap
 * memory ({@code maxbytes=2g}, {@code maxphysicalbytes=3g}). The child must finish and produce a
 * probability distribution, and its peak resident set (heap, off-heap and native code) must stay
 * within the 3 GB physical limit; the peak memory is printed.
 *
 * <p>The child runs ND4J single-threaded ({@code OMP_NUM_THREADS=1}): on a loaded machine OpenMP's
 * barriers make the many small operations of the CHUNK form an order of magnitude slower, and the
 * thread count does not change the memory measured.
 */
@Tag("slow")
class LongSequenceMemoryTest {

    private static final long PHYSICAL_LIMIT = 3L << 30;

    @Test
    void encodes65536TokensWithinA1GbHeapAnd2GbOffHeap(@TempDir Path dir) throws IOException, InterruptedException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dorg.bytedeco.javacpp.maxbytes=2g",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=3g",
                "-cp", System.getProperty("java.class.path"),
                LongSequenceProbe.class.getName(),
                "SELECTIVE", "CHUNK", "65536", "256", "4", "4");
        Path log = dir.resolve("probe.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir")));
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        boolean finished;
        try {
            finished = process.waitFor(20, TimeUnit.MINUTES);
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(finished, "the probe did not finish within 20 minutes:\n" + output);
        assertEquals(0, process.exitValue(), "the probe failed:\n" + output);

        Map<String, String> values = keyValues(output);
        float[] probabilities = floats(values.get("probabilities"));
        assertEquals(2, probabilities.length, output);
        assertEquals(1.0, probabilities[0] + probabilities[1], 1e-5, output);
        assertEquals("256", values.get("embeddingWidth"), output);
        long rss = Long.parseLong(values.get("peakRssBytes"));
        System.out.printf(Locale.ROOT, "65,536 tokens, width 256, 4 heads, 4 blocks, CHUNK: %s s, peak RSS %d MiB,"
                        + " peak heap %d MiB, peak JavaCPP physical bytes %d MiB%n", values.get("seconds"), rss >> 20,
                Long.parseLong(values.get("peakHeapBytes")) >> 20, Long.parseLong(values.get("peakPhysicalBytes")) >> 20);
        assertTrue(rss < PHYSICAL_LIMIT, "peak RSS " + (rss >> 20) + " MiB exceeds the 3 GiB physical limit:\n" + output);
    }

    private static Map<String, String> keyValues(String output) {
        Map<String, String> values = new HashMap<>();
        output.lines().filter(line -> line.matches("[A-Za-z]+=.*")).forEach(line -> {
            int split = line.indexOf('=');
            values.put(line.substring(0, split), line.substring(split + 1));
        });
        return values;
    }

    private static float[] floats(String list) {
        String[] parts = list.replaceAll("[\\[\\] ]", "").split(",");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }
}
