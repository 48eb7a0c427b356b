package ai.lion.spark.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The executor side of batching: turns the rows of one partition into minibatches of
 * {@link BatchSpec#batchSize()} rows (the last one may be smaller), lazily, so a partition never has
 * to fit in memory. Bad rows fail the task or are skipped and counted, as the spec's policy says.
 */
final class PartitionBatcher implements Function2<Integer, Iterator<Row>, Iterator<MultiDataSet>> {

    private static final long serialVersionUID = 1L;

    private final BatchSpec spec;
    private final RowLayout layout;
    private final PatchAugmenter augmenter;
    private final long seed;
    private final RowCounts counts;

    /** @param augmenter how training images change, or null to keep them as they are */
    PartitionBatcher(BatchSpec spec, RowLayout layout, PatchAugmenter augmenter, long seed, RowCounts counts) {
        this.spec = spec;
        this.layout = layout;
        this.augmenter = augmenter;
        this.seed = seed;
        this.counts = counts;
    }

    @Override
    public Iterator<MultiDataSet> call(Integer partition, Iterator<Row> rows) {
        MlmMasker masker = spec.kind() == InputKind.MLM ? MlmMasker.forPartition(spec, seed, partition) : null;
        PatchAugmenter.Draws draws = augmenter == null ? null : augmenter.forPartition(seed, partition);
        return new BatchIterator(partition, rows, new RowDecoder(spec, layout, masker, draws),
                new BadRows(spec, layout, counts, partition));
    }

    private final class BatchIterator implements Iterator<MultiDataSet> {
        private final int partition;
        private final Iterator<Row> rows;
        private final RowDecoder decoder;
        private final BadRows badRows;
        private final BatchAssembler assembler = new BatchAssembler(spec);
        private long rowIndex;
        private MultiDataSet next;

        BatchIterator(int partition, Iterator<Row> rows, RowDecoder decoder, BadRows badRows) {
            this.partition = partition;
            this.rows = rows;
            this.decoder = decoder;
            this.badRows = badRows;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = nextBatch();
            }
            return next != null;
        }

        @Override
        public MultiDataSet next() {
            if (!hasNext()) {
                throw new NoSuchElementException("partition " + partition + " has no more minibatches");
            }
            MultiDataSet batch = next;
            next = null;
            return batch;
        }

        private MultiDataSet nextBatch() {
            List<Example> examples = new ArrayList<>(spec.batchSize());
            while (examples.size() < spec.batchSize() && rows.hasNext()) {
                Row row = rows.next();
                counts.recordRead();
                try {
                    examples.add(decoder.decode(row));
                } catch (RowDefect defect) {
                    badRows.reject(row, rowIndex, defect);
                }
                rowIndex++;
            }
            return examples.isEmpty() ? null : assembler.assemble(examples);
        }
    }
}
