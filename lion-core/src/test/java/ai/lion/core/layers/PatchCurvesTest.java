package ai.lion.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PatchCurvesTest {

    // 3x3 grid in raster order (cls = 0):
    //   1 2 3
    //   4 5 6
    //   7 8 9

    @Test
    void rowSnakeGoesRightOnEvenRowsAndLeftOnOddRows() {
        assertArrayEquals(new int[]{0, 1, 2, 3, 6, 5, 4, 7, 8, 9}, PatchCurves.rowSnake(3));
    }

    @Test
    void columnSnakeGoesDownOnEvenColumnsAndUpOnOddColumns() {
        assertArrayEquals(new int[]{0, 1, 4, 7, 8, 5, 2, 3, 6, 9}, PatchCurves.columnSnake(3));
    }

    @Test
    void evenGridSideEndsOnTheOppositeCorner() {
        // 2x2: 1 2 / 3 4
        assertArrayEquals(new int[]{0, 1, 2, 4, 3}, PatchCurves.rowSnake(2));
        assertArrayEquals(new int[]{0, 1, 3, 4, 2}, PatchCurves.columnSnake(2));
    }

    @Test
    void consecutiveScanStepsAreGridNeighbours() {
        int side = 5;
        for (int[] order : new int[][]{PatchCurves.rowSnake(side), PatchCurves.columnSnake(side)}) {
            for (int p = 2; p < order.length; p++) {
                int a = order[p - 1] - 1;
                int b = order[p] - 1;
                int manhattan = Math.abs(a / side - b / side) + Math.abs(a % side - b % side);
                assertEquals(1, manhattan, "step " + p);
            }
        }
    }

    @Test
    void inverseUndoesTheReordering() {
        int[] order = PatchCurves.columnSnake(4);
        int[] inverse = PatchCurves.inverse(order);
        String[] raster = new String[order.length];
        for (int r = 0; r < raster.length; r++) {
            raster[r] = "token" + r;
        }
        String[] scanned = new String[order.length];
        for (int p = 0; p < order.length; p++) {
            scanned[p] = raster[order[p]];
        }
        String[] back = new String[order.length];
        for (int r = 0; r < order.length; r++) {
            back[r] = scanned[inverse[r]];
        }
        assertArrayEquals(raster, back);
        // the column snake of a 4x4 grid visits raster 5 (row 1, col 0) second
        assertEquals(2, inverse[5]);
    }

    @Test
    void inverseRejectsNonPermutations() {
        assertThrows(IllegalArgumentException.class, () -> PatchCurves.inverse(new int[]{0, 2, 2}));
        assertThrows(IllegalArgumentException.class, () -> PatchCurves.inverse(new int[]{0, 3, 1}));
    }

    @Test
    void rejectsEmptyGrid() {
        assertThrows(IllegalArgumentException.class, () -> PatchCurves.rowSnake(0));
        assertEquals(197, PatchCurves.sequenceLength(14));
    }
}
