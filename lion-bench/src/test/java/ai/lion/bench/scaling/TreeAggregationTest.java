package ai.lion.bench.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TreeAggregationTest {

    /** Fan-ins worked out by hand from Spark's rule (scale = max(ceil(W^(1/depth)), 2)). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1; 2; 1",          // scale 2, 1 > 2 + 1 is false: the driver takes the one result
        "2; 2; 2",
        "3; 2; 3",          // scale 2, 3 > 2 + 2 is false
        "8; 2; 4 2",        // scale 3, 8 > 3 + 3: 8 / 3 = 2 reducers of ceil(8 / 2) = 4, then 2 > 3 + 1 is false
        "32; 2; 7 5",       // scale 6, 32 > 6 + 6: 5 reducers of ceil(32 / 5) = 7
        "128; 2; 13 10",    // scale 12, 128 > 12 + 11: 10 reducers of 13
        "256; 2; 16 16",    // scale 16, 256 > 16 + 16: 16 reducers of 16
        "8; 1; 8",          // scale 8, 8 > 8 + 1 is false
        "64; 3; 4 4 4",     // scale 4: 64 -> 16 -> 4, each reducer takes 4
    })
    void levelsFollowSparksRule(int partitions, int depth, String expected) {
        List<Integer> fanIns = new TreeAggregation(partitions, depth).fanIns();
        List<Integer> want = java.util.Arrays.stream(expected.split(" ")).map(Integer::valueOf).toList();
        assertEquals(want, fanIns);
        assertEquals(want.stream().mapToInt(Integer::intValue).sum(),
                new TreeAggregation(partitions, depth).resultsOnCriticalPath());
    }

    @Test
    void rejectsNoPartitions() {
        assertThrows(IllegalArgumentException.class, () -> new TreeAggregation(0, 2));
    }
}
