package ai.lion.spark.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/** Reads a {@link LionClassifier} written by its {@code write()}: Spark ML params metadata, the LionConfig among them. */
final class LionClassifierReader extends MLReader<LionClassifier> {

    @Override
    public LionClassifier load(String path) {
        DefaultParamsReader.Metadata metadata =
                DefaultParamsReader.loadMetadata(path, sc(), LionClassifier.class.getName());
        LionClassifier classifier = new LionClassifier(metadata.uid());
        metadata.getAndSetParams(classifier, Option.empty());
        return classifier;
    }
}
