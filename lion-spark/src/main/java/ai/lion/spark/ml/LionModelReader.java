package ai.lion.spark.ml;

import ai.lion.core.models.LionModel;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/** Reads what {@link LionModelWriter} wrote. */
final class LionModelReader extends MLReader<LionClassificationModel> {

    @Override
    public LionClassificationModel load(String path) {
        DefaultParamsReader.Metadata metadata =
                DefaultParamsReader.loadMetadata(path, sc(), LionClassificationModel.class.getName());
        Path directory = new Path(path, LionModelWriter.MODEL_DIRECTORY);
        Path file = new Path(directory, LionModelWriter.MODEL_ZIP);
        try {
            FileSystem fs = directory.getFileSystem(sc().hadoopConfiguration());
            LionModel lionModel;
            try (InputStream in = fs.open(file)) {
                lionModel = LionModel.read(in, file.toString(), false);
            }
            LionClassificationModel model = new LionClassificationModel(metadata.uid(), lionModel);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("no LionClassificationModel at " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model at " + directory, e);
        }
    }
}
