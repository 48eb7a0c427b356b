package ai.lion.spark.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The columns the batcher reads, checked against a DataFrame's schema, and their positions in the
 * projection {@link #columnNames()} that the batcher selects before shuffling (or, for unlabelled
 * rows read in place, in the schema itself). {@link #ABSENT} marks a column the rows do not have.
 */
final class RowLayout implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Position of a column the DataFrame does not have. */
    static final int ABSENT = -1;

    private static final Set<DataType> ID_TYPES =
            Set.of(DataTypes.StringType, DataTypes.IntegerType, DataTypes.LongType);

    private final String[] columnNames;
    private final int sequence;
    private final int label;
    private final int id;
    private final int sourceFile;

    private RowLayout(List<String> columnNames, int sequence, int label, int id, int sourceFile) {
        this.columnNames = columnNames.toArray(new String[0]);
        this.sequence = sequence;
        this.label = label;
        this.id = id;
        this.sourceFile = sourceFile;
    }

    /**
     * Checks that {@code schema} has every column {@code spec} needs, with the right type, and that
     * the optional id and source-file columns, where present, have usable types. Positions refer to
     * the projection {@link #columnNames()}: the sequence, then label, id and source file where present.
     *
     * @throws DataSchemaException naming the column, the expected and the actual type
     */
    static RowLayout resolve(StructType schema, BatchSpec spec) {
        List<String> names = new ArrayList<>();
        names.add(requireSequence(schema, spec));
        int label = ABSENT;
        if (spec.kind().hasClassLabel()) {
            requireType(schema, spec.labelColumn(), DataTypes.IntegerType);
            label = addColumn(names, spec.labelColumn());
        }
        int id = hasId(schema, spec) ? addColumn(names, spec.idColumn()) : ABSENT;
        int sourceFile = hasSourceFile(schema) ? addColumn(names, ParquetSource.SOURCE_FILE_COLUMN) : ABSENT;
        return new RowLayout(names, 0, label, id, sourceFile);
    }

    /**
     * Checks the columns of unlabelled rows that are read as they are, without a projection (for
     * inference): the sequence column and, where present, the id and source-file columns. No label is
     * read. Positions refer to {@code schema} itself, and {@link #columnNames()} is every column.
     *
     * @throws DataSchemaException naming the column, the expected and the actual type
     */
    static RowLayout resolveUnlabelled(StructType schema, BatchSpec spec) {
        int sequence = schema.fieldIndex(requireSequence(schema, spec));
        int id = hasId(schema, spec) ? schema.fieldIndex(spec.idColumn()) : ABSENT;
        int sourceFile = hasSourceFile(schema) ? schema.fieldIndex(ParquetSource.SOURCE_FILE_COLUMN) : ABSENT;
        return new RowLayout(List.of(schema.fieldNames()), sequence, ABSENT, id, sourceFile);
    }

    private static String requireSequence(StructType schema, BatchSpec spec) {
        DataType sequenceType = DataTypes.createArrayType(
                spec.kind() == InputKind.PATCHES ? DataTypes.FloatType : DataTypes.IntegerType);
        requireType(schema, spec.sequenceColumn(), sequenceType);
        return spec.sequenceColumn();
    }

    private static boolean hasId(StructType schema, BatchSpec spec) {
        if (!has(schema, spec.idColumn())) {
            return false;
        }
        DataType actual = schema.apply(spec.idColumn()).dataType();
        if (!ID_TYPES.contains(actual)) {
            throw mismatch(spec.idColumn(), "string, int or bigint", actual);
        }
        return true;
    }

    private static boolean hasSourceFile(StructType schema) {
        if (!has(schema, ParquetSource.SOURCE_FILE_COLUMN)) {
            return false;
        }
        requireType(schema, ParquetSource.SOURCE_FILE_COLUMN, DataTypes.StringType);
        return true;
    }

    private static int addColumn(List<String> names, String column) {
        names.add(column);
        return names.size() - 1;
    }

    private static boolean has(StructType schema, String column) {
        Option<Object> index = schema.getFieldIndex(column);
        return index.isDefined();
    }

    private static void requireType(StructType schema, String column, DataType expected) {
        if (!has(schema, column)) {
            throw new DataSchemaException("column '" + column + "' is missing (expected " + expected.simpleString()
                    + "); the DataFrame has columns " + Arrays.toString(schema.fieldNames()));
        }
        DataType actual = schema.apply(column).dataType();
        if (!sameType(expected, actual)) {
            throw mismatch(column, expected.simpleString(), actual);
        }
    }

    /** Equal types, ignoring whether arrays may hold nulls (null elements are caught per row). */
    private static boolean sameType(DataType expected, DataType actual) {
        if (expected instanceof ArrayType e && actual instanceof ArrayType a) {
            return e.elementType().equals(a.elementType());
        }
        return expected.equals(actual);
    }

    private static DataSchemaException mismatch(String column, String expected, DataType actual) {
        return new DataSchemaException("column '" + column + "' has type " + actual.simpleString()
                + " but " + expected + " is expected");
    }

    /** The columns to select, in the order the positions below refer to. */
    String[] columnNames() { return columnNames.clone(); }

    int sequence() { return sequence; }

    int label() { return label; }

    int id() { return id; }

    int sourceFile() { return sourceFile; }
}
