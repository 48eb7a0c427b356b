package ai.lion.datasets;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens input files through the Hadoop FileSystem API, decompressing gzip transparently. */
final class InputFiles {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private InputFiles() {
    }

    /** Whether {@code uri} names an existing file or directory. */
    static boolean exists(Configuration conf, String uri) throws IOException {
        Path path = new Path(uri);
        return path.getFileSystem(conf).exists(path);
    }

    /**
     * Opens {@code uri} for reading. A file that starts with the gzip magic number is decompressed,
     * whatever its name.
     */
    static InputStream open(Configuration conf, String uri) throws IOException {
        Path path = new Path(uri);
        return decompressIfGzip(path.getFileSystem(conf).open(path));
    }

    /** Wraps {@code raw} in a gzip decoder if its first two bytes are the gzip magic number. */
    static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }
}
