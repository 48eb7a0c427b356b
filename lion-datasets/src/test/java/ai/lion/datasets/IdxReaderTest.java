package ai.lion.datasets;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static ai.lion.datasets.IdxFiles.gzip;
import static ai.lion.datasets.IdxFiles.idx;
import static ai.lion.datasets.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static final byte[] SIX_VALUES = {0, 1, 2, (byte) 200, (byte) 254, (byte) 255};

    @Test
    void readsPlainAndGzippedFilesThroughTheHadoopFileSystem() throws IOException {
        byte[] file = idx(new int[] {2, 1, 3}, SIX_VALUES);
        for (Path path : new Path[] {write(dir.resolve("plain-idx3"), file), write(dir.resolve("packed.gz"), gzip(file))}) {
            IdxArray array = IdxReader.read(new Configuration(), path.toUri().toString());

            assertArrayEquals(new int[] {2, 1, 3}, array.dimensions());
            assertEquals(2, array.count());
            assertEquals(3, array.itemSize());
            assertEquals("2x1x3", array.shape());
            int[] values = new int[6];
            Arrays.setAll(values, array::unsigned);
            assertArrayEquals(new int[] {0, 1, 2, 200, 254, 255}, values);
        }
    }

    @Test
    void readsRankOneLabelFiles() throws IOException {
        IdxArray labels = IdxReader.read(new ByteArrayInputStream(idx(new int[] {6}, SIX_VALUES)), "labels");

        assertEquals(1, labels.rank());
        assertEquals(6, labels.count());
        assertEquals(1, labels.itemSize());
        assertEquals(255, labels.unsigned(5));
    }

    @Test
    void rejectsABadMagicNumber() {
        byte[] file = idx(new int[] {6}, SIX_VALUES);
        file[1] = 8;
        assertProblem(file, "bad magic number 0x00080801");
    }

    @Test
    void rejectsElementTypesOtherThanUnsignedByte() {
        byte[] file = idx(new int[] {6}, SIX_VALUES);
        file[2] = 0x0D;
        assertProblem(file, "element type 0x0D is not supported");
    }

    @Test
    void rejectsZeroDimensionsAndEmptyOrNegativeSizes() {
        assertProblem(idx(new int[] {}, new byte[0]), "declares 0 dimensions");
        assertProblem(idx(new int[] {3, 0}, new byte[0]), "dimension 1 has size 0");
        assertProblem(idx(new int[] {-1}, new byte[0]), "dimension 0 has size 4294967295");
    }

    @Test
    void rejectsTruncatedHeaders() {
        byte[] file = idx(new int[] {2, 3}, SIX_VALUES);
        assertProblem(Arrays.copyOf(file, 3), "truncated: the file ends after 3 bytes, inside the 4-byte magic");
        assertProblem(Arrays.copyOf(file, 9), "truncated: the file ends inside the 2 dimension sizes");
    }

    @Test
    void rejectsTruncatedData() {
        byte[] file = idx(new int[] {2, 3}, SIX_VALUES);
        assertProblem(Arrays.copyOf(file, file.length - 2),
                "truncated: the header declares 6 data bytes (2x3) but only 4 follow");
    }

    @Test
    void rejectsDataAfterTheDeclaredEnd() {
        byte[] file = idx(new int[] {5}, SIX_VALUES);
        assertProblem(file, "unexpected data after the 5 bytes declared by the header (5)");
    }

    @Test
    void rejectsTruncatedGzipData() throws IOException {
        byte[] packed = gzip(idx(new int[] {2, 3}, SIX_VALUES));
        Path file = write(dir.resolve("cut.gz"), Arrays.copyOf(packed, packed.length - 12));
        String uri = file.toUri().toString();

        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.read(new Configuration(), uri));

        assertEquals(uri, e.source());
        assertTrue(e.getMessage().startsWith(uri + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void readsTheDebianFashionMnistFilesWhenInstalled() throws IOException {
        assumeTrue(FashionMnistPreparer.DEBIAN_PACKAGE.isInstalled(), FashionMnistPreparer.DEBIAN_PACKAGE::status);
        String dir = FashionMnistConfig.DEFAULT_INPUT;
        Configuration conf = new Configuration();

        IdxArray trainImages = IdxReader.read(conf, dir + "/train-images-idx3-ubyte.gz");
        IdxArray trainLabels = IdxReader.read(conf, dir + "/train-labels-idx1-ubyte.gz");
        IdxArray testImages = IdxReader.read(conf, dir + "/t10k-images-idx3-ubyte.gz");
        IdxArray testLabels = IdxReader.read(conf, dir + "/t10k-labels-idx1-ubyte.gz");

        assertEquals("60000x28x28", trainImages.shape());
        assertEquals("10000x28x28", testImages.shape());
        // Fashion-MNIST is balanced: 6,000 training and 1,000 test images per class
        assertArrayEquals(filled(6000), classCounts(trainLabels));
        assertArrayEquals(filled(1000), classCounts(testLabels));
    }

    private static int[] classCounts(IdxArray labels) {
        int[] counts = new int[10];
        for (int i = 0; i < labels.count(); i++) {
            counts[labels.unsigned(i)]++;
        }
        return counts;
    }

    private static int[] filled(int value) {
        int[] array = new int[10];
        Arrays.fill(array, value);
        return array;
    }

    private static void assertProblem(byte[] file, String expected) {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.read(new ByteArrayInputStream(file), "file.idx"));
        assertTrue(e.getMessage().startsWith("file.idx: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }
}
