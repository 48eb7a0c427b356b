package ai.lion.spark.ml;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;
import org.json4s.JsonAST;
import scala.Option;

/**
 * Writes a {@link LionClassificationModel}: Spark ML's standard params metadata (the format of
 * {@code DefaultParamsWriter}, which Spark's Pipeline persistence reads) and the LionModel file.
 */
final class LionModelWriter extends MLWriter {

    /** Directory under the save path holding the model file. */
    static final String MODEL_DIRECTORY = "model";
    /** The {@link ai.lion.core.models.LionModel} file (parameters without updater state, config, provenance). */
    static final String MODEL_ZIP = "model.zip";

    private final LionClassificationModel model;

    LionModelWriter(LionClassificationModel model) {
        this.model = model;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(model, path, sc(), Option.<JsonAST.JObject>empty(),
                Option.<JsonAST.JValue>empty());
        Path directory = new Path(path, MODEL_DIRECTORY);
        try {
            FileSystem fs = directory.getFileSystem(sc().hadoopConfiguration());
            try (OutputStream out = fs.create(new Path(directory, MODEL_ZIP), false)) {
                model.model().write(out, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model of " + model.uid() + " to " + directory, e);
        }
    }
}
