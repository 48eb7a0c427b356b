package ai.lion.spark.data;

/**
 * Builds a {@link BatchSpec} from the model facts given one by one, for the data layer's tests, whose
 * models are plain DL4J graphs rather than LION models; the data settings go to a {@link DataSettings}
 * builder.
 */
final class SpecBuilder {

    private final InputKind kind;
    private final DataSettings.Builder data = DataSettings.builder();
    private int maxLength;
    private int patchDim;
    private int numClasses;
    private int vocabularySize;

    private SpecBuilder(InputKind kind) {
        this.kind = kind;
    }

    static SpecBuilder of(InputKind kind) {
        return new SpecBuilder(kind);
    }

    SpecBuilder maxLength(int steps) { maxLength = steps; return this; }

    SpecBuilder patchDim(int dim) { patchDim = dim; return this; }

    SpecBuilder numClasses(int classes) { numClasses = classes; return this; }

    SpecBuilder vocabularySize(int size) { vocabularySize = size; return this; }

    SpecBuilder sequenceColumn(String name) { data.sequenceColumn(name); return this; }

    SpecBuilder idColumn(String name) { data.idColumn(name); return this; }

    SpecBuilder truncate(boolean cut) { data.truncate(cut); return this; }

    SpecBuilder padId(int id) { data.padId(id); return this; }

    SpecBuilder maskTokenId(int id) { data.maskTokenId(id); return this; }

    SpecBuilder mlmProbability(double p) { data.mlmProbability(p); return this; }

    SpecBuilder batchSize(int rows) { data.batchSize(rows); return this; }

    SpecBuilder badRowPolicy(BadRowPolicy policy) { data.badRowPolicy(policy); return this; }

    SpecBuilder labelEncoding(LabelEncoding encoding) { data.labelEncoding(encoding); return this; }

    BatchSpec build() {
        return BatchSpec.forLayout(kind, maxLength, true, patchDim, numClasses, vocabularySize, data.build());
    }
}
