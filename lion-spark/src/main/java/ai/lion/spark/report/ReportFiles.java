package ai.lion.spark.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes report files on any Hadoop file system so that a reader never sees half a file. */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * Writes {@code content} as UTF-8 to a temporary file beside {@code target}, then renames it over
     * {@code target} (an older file there is replaced). The parent directory is created if missing.
     *
     * @return {@code target}, fully qualified
     */
    public static Path write(Path target, String content, Configuration conf) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        Path qualified = fs.makeQualified(target);
        Path temporary = new Path(qualified.getParent(), "." + qualified.getName() + ".tmp");
        try (OutputStream out = fs.create(temporary, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        if (fs.exists(qualified) && !fs.delete(qualified, false)) {
            throw new IOException("cannot replace " + qualified);
        }
        if (!fs.rename(temporary, qualified)) {
            throw new IOException("cannot rename " + temporary + " to " + qualified);
        }
        return qualified;
    }
}
