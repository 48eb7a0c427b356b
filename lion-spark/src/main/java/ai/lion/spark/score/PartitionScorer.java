package ai.lion.spark.score;

import ai.lion.spark.data.RowCounts;
import ai.lion.spark.data.Sequence;
import ai.lion.spark.data.SequenceReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Queue;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The executor side of scoring: streams one partition through the model. Rows are read and checked
 * one at a time; ordinary ones are gathered into minibatches of {@code batchSize}, sequences longer
 * than the threshold are scored alone by the long-sequence path. At most one minibatch of input rows
 * and its output rows are held at a time, and each minibatch's ND4J arrays are released once its
 * outputs are copied, so memory does not grow with the partition. Output order within a partition
 * is not the input order (a long sequence can overtake the minibatch being gathered).
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final ModelSource source;
    private final SequenceReader reader;
    private final ScoringOptions options;
    private final OutputLayout output;
    private final RowCounts counts;
    private final ScoringProgress progress;

    PartitionScorer(ModelSource source, SequenceReader reader, ScoringOptions options, OutputLayout output,
                    RowCounts counts, ScoringProgress progress) {
        this.source = source;
        this.reader = reader;
        this.options = options;
        this.output = output;
        this.counts = counts;
        this.progress = progress;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        return new ScoredIterator(rows, ModelCache.get(source), reader.partition(partition, counts));
    }

    private final class ScoredIterator implements Iterator<Row> {

        private final Iterator<Row> rows;
        private final ScoringModel model;
        private final SequenceReader.PartitionReader sequences;
        private final int batchSize = reader.spec().batchSize();
        private final List<Row> gatheredRows = new ArrayList<>();
        private final List<Sequence> gathered = new ArrayList<>();
        private final Queue<Row> scored = new ArrayDeque<>();

        ScoredIterator(Iterator<Row> rows, ScoringModel model, SequenceReader.PartitionReader sequences) {
            this.rows = rows;
            this.model = model;
            this.sequences = sequences;
        }

        @Override
        public boolean hasNext() {
            while (scored.isEmpty() && (rows.hasNext() || !gathered.isEmpty())) {
                advance();
            }
            return !scored.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the partition has no more scored rows");
            }
            return scored.remove();
        }

        /** Reads one row (scoring it if it is long or completes a minibatch), or scores the last minibatch. */
        private void advance() {
            if (!rows.hasNext()) {
                scoreGathered();
                return;
            }
            Row row = rows.next();
            Optional<Sequence> sequence = sequences.read(row);
            if (sequence.isEmpty()) {
                return;
            }
            if (sequence.get().steps() > options.longSequenceThreshold()) {
                score(options.longSequencePath(), List.of(row), List.of(sequence.get()));
                return;
            }
            gatheredRows.add(row);
            gathered.add(sequence.get());
            if (gathered.size() == batchSize) {
                scoreGathered();
            }
        }

        private void scoreGathered() {
            score(GraphOutputPath.INSTANCE, gatheredRows, gathered);
            gatheredRows.clear();
            gathered.clear();
        }

        private void score(ScoringPath path, List<Row> inputs, List<Sequence> batch) {
            MultiDataSet minibatch = reader.batch(batch);
            Predictions predictions;
            try {
                predictions = path.score(model, minibatch, options.embeddings());
            } finally {
                release(minibatch.getFeatures());
                release(minibatch.getFeaturesMaskArrays());
            }
            for (int i = 0; i < inputs.size(); i++) {
                scored.add(output.row(inputs.get(i), predictions, i));
            }
            progress.record(inputs.size());
        }

        private static void release(INDArray[] arrays) {
            for (INDArray array : arrays) {
                if (array != null && array.closeable()) {
                    array.close();
                }
            }
        }
    }
}
