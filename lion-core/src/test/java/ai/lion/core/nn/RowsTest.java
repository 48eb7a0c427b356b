package ai.lion.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Rows} and {@link ThreadConstants} against loops over plain double arrays. */
class RowsTest {

    private static final int N = 7;
    private static final int C = 5;
    private static final double TOLERANCE = 1e-5;

    private final Random random = new Random(11);

    private double[][] matrix(int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return m;
    }

    private static INDArray array(double[][] m) {
        return Nd4j.createFromArray(m).castTo(DataType.FLOAT);
    }

    private static void assertMatrix(double[][] expected, INDArray actual) {
        assertArrayEquals(new long[] {expected.length, expected[0].length}, actual.shape());
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual.getDouble(i, j), TOLERANCE, "[" + i + "][" + j + "]");
            }
        }
    }

    /** {@code x op y} with y a row ({@code [1, C]}) or a column ({@code [N, 1]}) repeated. */
    private static double[][] broadcast(double[][] x, double[][] y, DoubleBinaryOperator op) {
        double[][] out = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                out[i][j] = op.applyAsDouble(x[i][j], y[y.length == 1 ? 0 : i][y[0].length == 1 ? 0 : j]);
            }
        }
        return out;
    }

    @Test
    void rowsAndColumnsApplyToEveryRowAndColumn() {
        double[][] x = matrix(N, C);
        double[][] row = matrix(1, C);
        double[][] column = matrix(N, 1);
        assertMatrix(broadcast(x, row, Double::sum), Rows.add(array(x), array(row), Nd4j.create(DataType.FLOAT, N, C)));
        assertMatrix(broadcast(x, column, (a, b) -> a - b),
                Rows.sub(array(x), array(column), Nd4j.create(DataType.FLOAT, N, C)));
        assertMatrix(broadcast(x, row, (a, b) -> a * b), Rows.times(array(x), array(row)));
        assertMatrix(broadcast(x, column, (a, b) -> a * b), Rows.times(array(x), array(column)));
    }

    @Test
    void inPlaceResultsOverwriteTheFirstOperandOnly() {
        double[][] x = matrix(N, C);
        double[][] column = matrix(N, 1);
        INDArray target = array(x);
        INDArray factors = array(column);
        assertSame(target, Rows.mul(target, factors, target));
        assertMatrix(broadcast(x, column, (a, b) -> a * b), target);
        assertMatrix(column, factors);
    }

    @Test
    void sumsAndMeansAlongEitherAxis() {
        double[][] x = matrix(N, C);
        double[][] rowSums = new double[N][1];
        double[][] rowMeans = new double[N][1];
        double[][] columnSums = new double[1][C];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < C; j++) {
                rowSums[i][0] += x[i][j];
                columnSums[0][j] += x[i][j];
            }
            rowMeans[i][0] = rowSums[i][0] / C;
        }
        assertMatrix(rowSums, Rows.sums(array(x)));
        assertMatrix(rowMeans, Rows.means(array(x)));
        INDArray out = Nd4j.create(DataType.FLOAT, 1, C);
        Rows.columnSums(array(x), out);
        assertMatrix(columnSums, out);
    }

    @Test
    void columnSumsWriteIntoAColumnBlockOfALargerMatrix() {
        double[][] x = matrix(N, C);
        INDArray whole = Nd4j.zeros(DataType.FLOAT, 1, 3 * C);
        INDArray block = whole.get(all(), interval(C, 2 * C));
        Rows.columnSums(array(x), block);
        for (int j = 0; j < 3 * C; j++) {
            double expected = 0;
            if (j >= C && j < 2 * C) {
                for (double[] row : x) {
                    expected += row[j - C];
                }
            }
            assertEquals(expected, whole.getDouble(0, j), TOLERANCE, "column " + j);
        }
    }

    @Test
    void float64StaysFloat64() {
        double[][] x = matrix(N, C);
        INDArray sums = Rows.sums(Nd4j.createFromArray(x));
        assertEquals(DataType.DOUBLE, sums.dataType());
        double expected = 0;
        for (double v : x[3]) {
            expected += v;
        }
        assertEquals(expected, sums.getDouble(3, 0), 1e-12);
    }

    @Test
    void sumsInsideAClosedWorkspaceScopeStayValidAcrossScopes() {
        WorkspaceConfiguration configuration = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        double[][] x = matrix(N, C);
        double[] results = new double[2];
        for (int round = 0; round < 2; round++) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager()
                    .getAndActivateWorkspace(configuration, "RowsTest")) {
                results[round] = Rows.sums(array(x)).getDouble(0, 0);
            }
        }
        assertEquals(results[0], results[1], 0.0, "the kept ones vector outlived the first scope unchanged");
    }

    @Test
    void threadConstantsAreBuiltOncePerKeyAndThread() throws InterruptedException {
        INDArray first = ThreadConstants.get("RowsTest:a", () -> Nd4j.ones(DataType.FLOAT, 3));
        assertSame(first, ThreadConstants.get("RowsTest:a", () -> Nd4j.zeros(DataType.FLOAT, 3)));
        assertFalse(first.isAttached(), "kept outside workspaces");
        INDArray[] other = new INDArray[1];
        Thread thread = new Thread(() -> other[0] = ThreadConstants.get("RowsTest:a", () -> Nd4j.ones(DataType.FLOAT, 3)));
        thread.start();
        thread.join();
        assertNotSame(first, other[0]);
    }

    @Test
    void aThreadStartsOverWhenItHasKeptTheMaximum() {
        INDArray first = ThreadConstants.get("RowsTest:first", () -> Nd4j.ones(DataType.FLOAT, 1));
        for (int i = 0; i < ThreadConstants.MAX_PER_THREAD; i++) {
            ThreadConstants.get("RowsTest:" + i, () -> Nd4j.ones(DataType.FLOAT, 1));
        }
        assertNotSame(first, ThreadConstants.get("RowsTest:first", () -> Nd4j.ones(DataType.FLOAT, 1)));
    }
}
