package ai.lion.bench.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitMeasurementTest {

    @TempDir
    Path dir;

    private static SplitMeasurement measurement(int workers, double wall) {
        return measurement("local[" + workers + "]", workers, wall);
    }

    private static SplitMeasurement measurement(String master, int workers, double wall) {
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("wall", wall);
        parts.put("outside_tasks", 0.25);
        parts.put("fit", 0.5);
        return new SplitMeasurement(master, workers, 5, 64, 4, 640.5, parts, 1.5, 0.1, 123_456,
                1_500_000, 0.042, 2);
    }

    @Test
    void csvRoundTripKeepsEveryValueAndThePartsInOrder() throws IOException {
        Path file = dir.resolve("runs.csv");
        List<SplitMeasurement> rows = List.of(measurement(1, 0.75), measurement(2, 1.25),
                measurement("local-cluster[3,1,1024]", 3, 2.5));
        SplitMeasurement.writeCsv(file, rows);
        assertTrue(Files.readAllLines(file).get(0).contains("wall_s,outside_tasks_s,fit_s"));
        List<SplitMeasurement> read = SplitMeasurement.readCsv(file);
        assertEquals(rows, read);
        assertEquals(0.1, read.get(0).stepSeconds(), 1e-12);
        assertEquals(0.75, read.get(1).overheadSeconds(), 1e-12);
    }

    @Test
    void aMalformedCellIsNamedByLineAndColumn() throws IOException {
        Path file = dir.resolve("bad.csv");
        SplitMeasurement.writeCsv(file, List.of(measurement(1, 0.75)));
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), lines.get(1).replace(",123456,", ",many,")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SplitMeasurement.readCsv(file));
        assertEquals(file + " line 2 column 'parameters': expected an integer, got 'many'", e.getMessage());
    }
}
