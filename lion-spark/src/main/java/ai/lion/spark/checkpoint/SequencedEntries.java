package ai.lion.spark.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbered entries (files or directories) in one directory, each added atomically: it is written
 * under a temporary name, then renamed to {@code <prefix><sequence><suffix>} with a zero-padded,
 * increasing sequence number. Names starting with {@code _tmp-} are leftovers of interrupted writes:
 * readers ignore them and the next {@link #add} deletes them. An entry found damaged can be
 * {@linkplain #moveAside moved aside} to {@code _corrupt-<prefix><sequence><suffix>}; its number is not
 * given out again.
 *
 * <p>One writer per directory: two concurrent writers could pick the same sequence number (the second
 * rename then fails rather than overwrite).
 */
final class SequencedEntries {

    private static final Logger LOG = LoggerFactory.getLogger(SequencedEntries.class);
    private static final String TEMPORARY_PREFIX = "_tmp-";
    private static final String CORRUPT_PREFIX = "_corrupt-";

    private final FileSystem fs;
    private final Path directory;
    private final String prefix;
    private final String suffix;
    private final Pattern committedName;
    private final Pattern numberedName;

    SequencedEntries(FileSystem fs, Path directory, String prefix, String suffix) {
        this.fs = fs;
        this.directory = directory;
        this.prefix = prefix;
        this.suffix = suffix;
        this.committedName = Pattern.compile(Pattern.quote(prefix) + "(\\d{1,18})" + Pattern.quote(suffix));
        this.numberedName = Pattern.compile("(?:" + Pattern.quote(CORRUPT_PREFIX) + ")?" + committedName.pattern());
    }

    /** Writes one entry at a temporary path. */
    @FunctionalInterface
    interface EntryWriter<T> {
        T write(Path temporary, long sequence) throws IOException;
    }

    Path directory() {
        return directory;
    }

    /** Committed entries by sequence number; empty if the directory does not exist. */
    NavigableMap<Long, Path> committed() throws IOException {
        NavigableMap<Long, Path> entries = new TreeMap<>();
        for (FileStatus status : list()) {
            Matcher matcher = committedName.matcher(status.getPath().getName());
            if (matcher.matches()) {
                entries.put(Long.parseLong(matcher.group(1)), status.getPath());
            }
        }
        return entries;
    }

    /**
     * Deletes leftovers of interrupted writes, lets {@code writer} write the next entry at a temporary
     * path, and renames it to its final name. On failure the temporary entry is deleted.
     */
    <T> T add(EntryWriter<T> writer) throws IOException {
        removeLeftovers();
        long sequence = lastNumber() + 1;
        Path temporary = new Path(directory, TEMPORARY_PREFIX + numbered(sequence) + "-" + UUID.randomUUID() + suffix);
        try {
            T result = writer.write(temporary, sequence);
            commit(temporary, pathOf(sequence));
            return result;
        } catch (IOException | RuntimeException | Error e) {
            try {
                fs.delete(temporary, true);
            } catch (IOException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }

    /** The highest number given out so far (committed or moved aside); 0 if none. */
    private long lastNumber() throws IOException {
        long last = 0;
        for (FileStatus status : list()) {
            Matcher matcher = numberedName.matcher(status.getPath().getName());
            if (matcher.matches()) {
                last = Math.max(last, Long.parseLong(matcher.group(1)));
            }
        }
        return last;
    }

    /** The final path of entry {@code sequence}. */
    Path pathOf(long sequence) {
        return new Path(directory, numbered(sequence) + suffix);
    }

    private String numbered(long sequence) {
        return prefix + String.format("%06d", sequence);
    }

    /** Deletes the committed entry {@code sequence}. */
    void delete(long sequence) throws IOException {
        fs.delete(pathOf(sequence), true);
    }

    /** Renames the committed entry {@code sequence} to {@code _corrupt-<name>} and returns its new path. */
    Path moveAside(long sequence) throws IOException {
        Path aside = new Path(directory, CORRUPT_PREFIX + numbered(sequence) + suffix);
        if (!fs.rename(pathOf(sequence), aside)) {
            throw new IOException("Rename of " + pathOf(sequence) + " to " + aside + " failed");
        }
        return aside;
    }

    private void commit(Path temporary, Path target) throws IOException {
        if (fs.exists(target)) {
            throw new FileAlreadyExistsException("Cannot commit " + temporary + ": " + target
                    + " already exists (is another writer using " + directory + "?)");
        }
        if (!fs.rename(temporary, target)) {
            throw new IOException("Rename of " + temporary + " to " + target + " failed");
        }
    }

    /** Deletes the temporary entries of interrupted writes. */
    void removeLeftovers() throws IOException {
        for (FileStatus status : list()) {
            if (status.getPath().getName().startsWith(TEMPORARY_PREFIX + prefix)) {
                LOG.info("Deleting {}, left by an interrupted write", status.getPath());
                fs.delete(status.getPath(), true);
            }
        }
    }

    private FileStatus[] list() throws IOException {
        try {
            return fs.listStatus(directory);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        }
    }
}
