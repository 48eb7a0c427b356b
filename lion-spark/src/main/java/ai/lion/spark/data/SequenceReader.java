package ai.lion.spark.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Reads the sequences of unlabelled rows one row at a time, for inference: the same column types,
 * checks, bad-row policy and error messages as {@link DataFrameBatcher}, but no label column is read,
 * and rows are read as they are (not projected), so the caller keeps each row and can pass its id and
 * other columns on with the model's output.
 *
 * <pre>{@code
 * SequenceReader reader = SequenceReader.forSchema(rows.schema(), spec);      // driver: checks the schema
 * RowCounts counts = RowCounts.register(spark.sparkContext());
 * // executor, per partition:
 * SequenceReader.PartitionReader partition = reader.partition(partitionIndex, counts);
 * Optional<Sequence> sequence = partition.read(row);   // empty if the row was skipped
 * MultiDataSet batch = reader.batch(sequences);          // features + feature mask, no labels
 * }</pre>
 *
 * The spec's {@code numClasses}, {@code labelColumn} and MLM settings are not used. Immutable and
 * {@link Serializable}, so it travels to the executors inside a task's function.
 */
public final class SequenceReader implements Serializable {

    private static final long serialVersionUID = 1L;

    private final BatchSpec spec;
    private final RowLayout layout;

    private SequenceReader(BatchSpec spec, RowLayout layout) {
        this.spec = spec;
        this.layout = layout;
    }

    /**
     * A reader for rows of {@code schema}.
     *
     * @throws DataSchemaException if the sequence column is missing or has the wrong type, or the id
     *                             or source-file column has an unusable type
     * @throws IllegalArgumentException if {@code spec} is an MLM spec (MLM rows are masked for training)
     */
    public static SequenceReader forSchema(StructType schema, BatchSpec spec) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(spec, "spec");
        if (spec.kind() == InputKind.MLM) {
            throw new IllegalArgumentException("SequenceReader reads TOKENS or PATCHES rows, got an MLM spec: " + spec);
        }
        return new SequenceReader(spec, RowLayout.resolveUnlabelled(schema, spec));
    }

    public BatchSpec spec() {
        return spec;
    }

    /** The reader for the rows of partition {@code partition}; counts rows read and skipped in {@code counts}. */
    public PartitionReader partition(int partition, RowCounts counts) {
        return new PartitionReader(partition, Objects.requireNonNull(counts, "counts"));
    }

    /**
     * A minibatch of {@code sequences} in the layout of {@link DataFrameBatcher}'s minibatches: features
     * {@code [batch, channels, time]} right-padded to the longest sequence, feature mask
     * {@code [batch, time]}, no labels.
     */
    public MultiDataSet batch(List<Sequence> sequences) {
        List<Example> examples = new ArrayList<>(sequences.size());
        sequences.forEach(sequence -> examples.add(sequence.example()));
        return new BatchAssembler(spec).assembleFeatures(examples);
    }

    /** Reads the rows of one partition, in order; not thread-safe. */
    public final class PartitionReader {

        private final RowDecoder decoder = new RowDecoder(spec, layout);
        private final BadRows badRows;
        private final RowCounts counts;
        private long rowIndex;

        private PartitionReader(int partition, RowCounts counts) {
            this.counts = counts;
            this.badRows = new BadRows(spec, layout, counts, partition);
        }

        /**
         * The sequence of the next row of the partition, or empty if the row is bad and the policy is
         * {@link BadRowPolicy#SKIP} (then it is counted).
         *
         * @throws BadRowException if the row is bad and the policy is {@link BadRowPolicy#FAIL}
         */
        public Optional<Sequence> read(Row row) {
            counts.recordRead();
            long index = rowIndex++;
            try {
                return Optional.of(new Sequence(decoder.decode(row)));
            } catch (RowDefect defect) {
                badRows.reject(row, index, defect);
                return Optional.empty();
            }
        }
    }
}
