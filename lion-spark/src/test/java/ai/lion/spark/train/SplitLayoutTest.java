package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitLayoutTest {

    @Test
    void minibatchesAreInterleavedAcrossPartitionsInIndexOrder() {
        // partition sizes 3, 1, 2: the order is (p0,0) (p1,0) (p2,0) (p0,1) (p2,1) (p0,2)
        SplitLayout layout = new SplitLayout(new int[] {3, 1, 2}, 2, 1);

        assertEquals(0, layout.globalIndex(0, 0));
        assertEquals(1, layout.globalIndex(1, 0));
        assertEquals(2, layout.globalIndex(2, 0));
        assertEquals(3, layout.globalIndex(0, 1));
        assertEquals(4, layout.globalIndex(2, 1));
        assertEquals(5, layout.globalIndex(0, 2));
        assertEquals(6, layout.minibatches());
    }

    @Test
    void everySplitButTheLastGivesEachWorkerExactlyItsShare() {
        // 2 workers x 2 minibatches per split; 11 minibatches -> 3 splits, the last with 3
        SplitLayout layout = new SplitLayout(new int[] {4, 5, 2}, 2, 2);

        assertEquals(3, layout.splits());
        assertEquals(6, layout.partitions());
        int[] perPartition = new int[layout.partitions()];
        Set<Long> seen = new HashSet<>();
        int[] sizes = {4, 5, 2};
        for (int p = 0; p < sizes.length; p++) {
            for (int i = 0; i < sizes[p]; i++) {
                long g = layout.globalIndex(p, i);
                seen.add(g);
                int target = layout.partitionOf(g);
                assertEquals(layout.splitOf(g), target / 2, "a minibatch's partition lies in its split");
                perPartition[target]++;
            }
        }
        assertEquals(11, seen.size(), "global positions are distinct");
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 1}, perPartition);
        for (int split = 0; split < layout.splits(); split++) {
            assertEquals(perPartition[2 * split] + perPartition[2 * split + 1], layout.minibatchesIn(split));
        }
    }

    @Test
    void examplesAreCountedPerSplit() {
        // partition 0: minibatches of 16, 16, 5 examples; partition 1: 16, 9
        List<int[]> examples = List.of(new int[] {16, 16, 5}, new int[] {16, 9});
        SplitLayout layout = SplitLayout.of(examples, 2, 1);

        // order: (0,0)=16 (1,0)=16 | (0,1)=16 (1,1)=9 | (0,2)=5
        assertArrayEquals(new long[] {32, 25, 5}, layout.examplesPerSplit(examples));
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SplitLayout(new int[] {1}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SplitLayout(new int[] {-1}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SplitLayout(new int[] {2}, 1, 1).globalIndex(0, 2));
    }
}
