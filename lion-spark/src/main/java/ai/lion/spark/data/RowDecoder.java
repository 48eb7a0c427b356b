package ai.lion.spark.data;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Turns one row, laid out as its {@link RowLayout} says, into an {@link Example}, or rejects it
 * with the first {@link RowProblem} found. For MLM the tokens are masked here, and training images
 * augmented, so one decoder (and its random stream) serves one partition.
 */
final class RowDecoder {

    private final BatchSpec spec;
    private final RowLayout layout;
    private final MlmMasker masker;
    private final PatchAugmenter.Draws augmentation;

    /** A decoder that neither masks tokens nor changes images (the rows as they are). */
    RowDecoder(BatchSpec spec, RowLayout layout) {
        this(spec, layout, null, null);
    }

    /**
     * @param masker       required for MLM, ignored otherwise
     * @param augmentation for PATCHES: the partition's image augmentation, or null to keep the images as they are
     */
    RowDecoder(BatchSpec spec, RowLayout layout, MlmMasker masker, PatchAugmenter.Draws augmentation) {
        this.spec = spec;
        this.layout = layout;
        this.masker = masker;
        this.augmentation = augmentation;
    }

    Example decode(Row row) throws RowDefect {
        List<Object> sequence = sequence(row);
        if (spec.kind() == InputKind.PATCHES) {
            float[] values = patchValues(sequence);
            int steps = values.length / spec.patchDim();
            if (augmentation != null) {
                if (steps != augmentation.numPatches()) {
                    throw defect(RowProblem.INCOMPLETE_IMAGE, steps + " patches, the image has "
                            + augmentation.numPatches());
                }
                augmentation.augment(values);
            }
            return new Example(steps, values, label(row), null);
        }
        int[] ids = tokenIds(sequence);
        if (spec.kind() == InputKind.MLM) {
            int[] targets = masker.maskInPlace(ids);
            return new Example(ids.length, asFloats(ids), Example.NO_LABEL, targets);
        }
        return new Example(ids.length, asFloats(ids), label(row), null);
    }

    /** The token ids of a TOKENS or MLM row, checked and truncated as {@link #decode} does, not masked. */
    int[] tokens(Row row) throws RowDefect {
        return tokenIds(sequence(row));
    }

    private List<Object> sequence(Row row) throws RowDefect {
        if (row.isNullAt(layout.sequence())) {
            throw defect(RowProblem.NULL_SEQUENCE, "null");
        }
        List<Object> sequence = row.getList(layout.sequence());
        if (sequence.isEmpty()) {
            throw defect(RowProblem.EMPTY_SEQUENCE, "length 0");
        }
        return sequence;
    }

    private int[] tokenIds(List<Object> sequence) throws RowDefect {
        int[] ids = new int[steps(sequence.size())];
        for (int t = 0; t < ids.length; t++) {
            int id = ((Number) element(sequence, t)).intValue();
            if (id < 0 || id >= spec.vocabularySize()) {
                throw defect(RowProblem.TOKEN_OUT_OF_RANGE, "id " + id + " at position " + t
                        + " is not in [0, " + spec.vocabularySize() + ")");
            }
            ids[t] = id;
        }
        return ids;
    }

    /** Reads [steps × patchDim] row-major values into channel-major order. */
    private float[] patchValues(List<Object> sequence) throws RowDefect {
        int dim = spec.patchDim();
        if (sequence.size() % dim != 0) {
            throw defect(RowProblem.PATCH_LENGTH_MISMATCH,
                    "length " + sequence.size() + " is not a multiple of patchDim " + dim);
        }
        int steps = steps(sequence.size() / dim);
        float[] values = new float[steps * dim];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < dim; c++) {
                int position = t * dim + c;
                float value = ((Number) element(sequence, position)).floatValue();
                if (!Float.isFinite(value)) {
                    throw defect(RowProblem.NON_FINITE_VALUE,
                            value + " at position " + position + " (patch " + t + ", component " + c + ")");
                }
                values[c * steps + t] = value;
            }
        }
        return values;
    }

    private int steps(int length) throws RowDefect {
        if (length <= spec.maxLength()) {
            return length;
        }
        if (spec.truncate()) {
            return spec.maxLength();
        }
        throw defect(RowProblem.SEQUENCE_TOO_LONG, length + " steps > maxLength " + spec.maxLength());
    }

    private Object element(List<Object> sequence, int position) throws RowDefect {
        Object value = sequence.get(position);
        if (value == null) {
            throw defect(RowProblem.NULL_ELEMENT, "null at position " + position);
        }
        return value;
    }

    /** The class label, or {@link Example#NO_LABEL} for unlabelled rows (the layout has no label column). */
    private int label(Row row) throws RowDefect {
        if (layout.label() == RowLayout.ABSENT) {
            return Example.NO_LABEL;
        }
        if (row.isNullAt(layout.label())) {
            throw new RowDefect(spec.labelColumn(), RowProblem.NULL_LABEL, "null");
        }
        int label = row.getInt(layout.label());
        if (label < 0 || label >= spec.numClasses()) {
            throw new RowDefect(spec.labelColumn(), RowProblem.LABEL_OUT_OF_RANGE,
                    "label " + label + " is not in [0, " + spec.numClasses() + ")");
        }
        return label;
    }

    private RowDefect defect(RowProblem problem, String detail) {
        return new RowDefect(spec.sequenceColumn(), problem, detail);
    }

    private static float[] asFloats(int[] ids) {
        float[] values = new float[ids.length];
        for (int t = 0; t < ids.length; t++) {
            values[t] = ids[t];
        }
        return values;
    }
}
