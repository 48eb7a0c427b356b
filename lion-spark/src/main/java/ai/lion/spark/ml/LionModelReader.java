package ai.lion.spark.ml;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import scala.Option;

/** Reads what {@link LionModelWriter} wrote. */
final class LionModelReader extends MLReader<LionClassificationModel> {

    @Override
    public LionClassificationModel load(String path) {
        DefaultParamsReader.Metadata metadata =
                DefaultParamsReader.loadMetadata(path, sc(), LionClassificationModel.class.getName());
        Path directory = new Path(path, LionModelWriter.MODEL_DIRECTORY);
        try {
            FileSystem fs = directory.getFileSystem(sc().hadoopConfiguration());
            ComputationGraph graph;
            try (InputStream in = fs.open(new Path(directory, LionModelWriter.MODEL_ZIP))) {
                graph = ModelSerializer.restoreComputationGraph(in, false);
            }
            Path config = new Path(directory, LionModelWriter.MODEL_CONFIG);
            String modelConfigJson = null;
            if (fs.exists(config)) {
                try (InputStream in = fs.open(config)) {
                    modelConfigJson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            LionClassificationModel model = new LionClassificationModel(metadata.uid(), graph, modelConfigJson);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("no LionClassificationModel at " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model at " + directory, e);
        }
    }
}
