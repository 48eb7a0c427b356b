package ai.lion.spark.score;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows the scorer emits: the kept input columns, in their input order, followed by the prediction
 * ({@code int}), the class probabilities ({@code array<float>}) and, if wanted, the pooled embedding
 * ({@code array<float>}).
 */
final class OutputLayout implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] kept;
    private final boolean embeddings;
    private final StructType schema;

    private OutputLayout(int[] kept, boolean embeddings, StructType schema) {
        this.kept = kept;
        this.embeddings = embeddings;
        this.schema = schema;
    }

    /**
     * @param keptColumns input columns to copy to the output, or null for all of them
     * @throws IllegalArgumentException if a kept column is missing or an output column already exists
     */
    static OutputLayout of(StructType input, List<String> keptColumns, ScoringOptions options) {
        List<String> names = keptColumns == null ? List.of(input.fieldNames()) : keptColumns;
        int[] kept = new int[names.size()];
        StructType schema = new StructType();
        for (int i = 0; i < kept.length; i++) {
            if (!Arrays.asList(input.fieldNames()).contains(names.get(i))) {
                throw new IllegalArgumentException("column '" + names.get(i) + "' is missing; the rows have columns "
                        + Arrays.toString(input.fieldNames()));
            }
            kept[i] = input.fieldIndex(names.get(i));
            schema = schema.add(input.fields()[kept[i]]);
        }
        schema = add(schema, options.predictionColumn(), DataTypes.IntegerType);
        schema = add(schema, options.probabilityColumn(), DataTypes.createArrayType(DataTypes.FloatType, false));
        if (options.embeddings()) {
            schema = add(schema, options.embeddingColumn(), DataTypes.createArrayType(DataTypes.FloatType, false));
        }
        return new OutputLayout(kept, options.embeddings(), schema);
    }

    private static StructType add(StructType schema, String column, DataType type) {
        if (Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("output column '" + column + "' already exists in the scored rows "
                    + Arrays.toString(schema.fieldNames()) + "; choose another name");
        }
        return schema.add(column, type, false);
    }

    StructType schema() {
        return schema;
    }

    /** The output row of {@code input}, the {@code index}-th row of {@code predictions}. */
    Row row(Row input, Predictions predictions, int index) {
        Object[] values = new Object[kept.length + (embeddings ? 3 : 2)];
        for (int i = 0; i < kept.length; i++) {
            values[i] = input.get(kept[i]);
        }
        values[kept.length] = predictions.predictedClass(index);
        values[kept.length + 1] = predictions.probabilities(index);
        if (embeddings) {
            values[kept.length + 2] = predictions.embedding(index);
        }
        return RowFactory.create(values);
    }
}
