package ai.lion.spark.ml;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;
import org.deeplearning4j.util.ModelSerializer;
import org.json4s.JsonAST;
import scala.Option;

/**
 * Writes a {@link LionClassificationModel}: Spark ML's standard params metadata (the format of
 * {@code DefaultParamsWriter}, which Spark's Pipeline persistence reads) and the DL4J model files.
 */
final class LionModelWriter extends MLWriter {

    /** Directory under the save path holding the DL4J files. */
    static final String MODEL_DIRECTORY = "model";
    /** The DL4J ModelSerializer zip (parameters, no updater state). */
    static final String MODEL_ZIP = "model.zip";
    /** The model's own configuration JSON, present if the model has one. */
    static final String MODEL_CONFIG = "model-config.json";

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
                ModelSerializer.writeModel(model.graph(), out, false);
            }
            if (model.modelConfigJson().isPresent()) {
                try (OutputStream out = fs.create(new Path(directory, MODEL_CONFIG), false)) {
                    out.write(model.modelConfigJson().get().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model of " + model.uid() + " to " + directory, e);
        }
    }
}
