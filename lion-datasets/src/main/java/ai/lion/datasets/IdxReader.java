package ai.lion.datasets;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.ZipException;

/**
 * Reads idx files (the format of MNIST and Fashion-MNIST), gzipped or not.
 *
 * <p>Layout: two zero bytes, a type code, the number of dimensions {@code n}, then {@code n} big-endian
 * 32-bit sizes, then the values in row-major order. Only type {@code 0x08} (unsigned byte) is
 * supported. The reader checks the magic number, that every size is positive, that the data is exactly
 * as long as the sizes say (no truncation, nothing after it) and that gzip data is intact; any problem
 * raises an {@link IdxFormatException} naming the file.
 */
public final class IdxReader {

    /** Type code of unsigned-byte data. */
    public static final int UNSIGNED_BYTE = 0x08;

    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /** Reads the idx file at {@code uri} (any Hadoop file system). */
    public static IdxArray read(Configuration conf, String uri) throws IOException {
        Path path = new Path(uri);
        try (InputStream raw = path.getFileSystem(conf).open(path)) {
            return read(raw, uri);
        }
    }

    /**
     * Reads an idx array from {@code in} (decompressing it if it is gzip).
     *
     * @param source the name used in error messages
     */
    public static IdxArray read(InputStream in, String source) throws IOException {
        try {
            return parse(InputFiles.decompressIfGzip(in), source);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(source, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static IdxArray parse(InputStream in, String source) throws IOException {
        byte[] magic = new byte[4];
        int got = in.readNBytes(magic, 0, magic.length);
        if (got < magic.length) {
            throw new IdxFormatException(source, "truncated: the file ends after " + got
                    + " bytes, inside the 4-byte magic number");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(source, String.format("bad magic number 0x%08X: an idx file starts with "
                    + "two zero bytes, a type code and the number of dimensions", ByteBuffer.wrap(magic).getInt()));
        }
        int type = magic[2] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new IdxFormatException(source, String.format(
                    "element type 0x%02X is not supported (only 0x%02X, unsigned byte)", type, UNSIGNED_BYTE));
        }
        int rank = magic[3] & 0xff;
        if (rank == 0) {
            throw new IdxFormatException(source, "the header declares 0 dimensions");
        }
        int[] dimensions = readDimensions(in, source, rank);
        long elements = 1;
        for (int d = 0; d < rank; d++) {
            elements *= dimensions[d];
            if (elements > MAX_ELEMENTS) {
                throw new IdxFormatException(source, "the header declares more than " + MAX_ELEMENTS
                        + " elements, too many for one array");
            }
        }
        byte[] data = new byte[(int) elements];
        IdxArray array = new IdxArray(source, dimensions, data);
        got = in.readNBytes(data, 0, data.length);
        if (got < data.length) {
            throw new IdxFormatException(source, "truncated: the header declares " + data.length + " data bytes ("
                    + array.shape() + ") but only " + got + " follow");
        }
        if (in.read() != -1) {
            throw new IdxFormatException(source, "unexpected data after the " + data.length
                    + " bytes declared by the header (" + array.shape() + ")");
        }
        return array;
    }

    private static int[] readDimensions(InputStream in, String source, int rank) throws IOException {
        byte[] sizes = new byte[4 * rank];
        int got = in.readNBytes(sizes, 0, sizes.length);
        if (got < sizes.length) {
            throw new IdxFormatException(source, "truncated: the file ends inside the " + rank
                    + " dimension sizes of the header");
        }
        ByteBuffer header = ByteBuffer.wrap(sizes); // big-endian, as idx files are
        int[] dimensions = new int[rank];
        for (int d = 0; d < rank; d++) {
            dimensions[d] = header.getInt(4 * d);
            if (dimensions[d] <= 0) {
                throw new IdxFormatException(source, "dimension " + d + " has size "
                        + Integer.toUnsignedString(dimensions[d]) + "; sizes must be between 1 and "
                        + Integer.MAX_VALUE);
            }
        }
        return dimensions;
    }

}
