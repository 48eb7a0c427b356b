package ai.lion.jobs;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.Task;
import ai.lion.datasets.DatasetMetadata;
import ai.lion.jobs.config.InvalidConfigException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The comparisons the fault suite does not reach: image geometry, truncation, MLM and missing fields. */
class DatasetFitTest {

    @TempDir
    Path dir;

    private DatasetMetadata metadata(String json) throws IOException {
        Files.writeString(dir.resolve(DatasetMetadata.FILE_NAME), json);
        return DatasetMetadata.ofDataset(dir.toString(), new Configuration()).orElseThrow();
    }

    private static LionConfig patches(int imageSize, int patchSize, int channels) {
        return LionConfig.builder().width(8).depth(1).heads(1).numClasses(10).patches(imageSize, patchSize, channels)
                .build();
    }

    private String problem(LionConfig model, DatasetMetadata metadata, boolean truncate) {
        return assertThrows(InvalidConfigException.class, () -> DatasetFit.requireTrainable(model, metadata, truncate))
                .problems().get(0).message();
    }

    @Test
    void theImageSizeIsComparedWithTheRecordedImage() throws IOException {
        DatasetMetadata fashion = metadata("{\"imageHeight\":28,\"imageWidth\":28,\"patchSize\":7,\"numPatches\":16,"
                + "\"patchDim\":49,\"numClasses\":10}");

        assertEquals("model.input.image-size = 14: does not fit the prepared data: " + fashion.file()
                + " says imageHeight = 28; set model.input.image-size = 28", problem(patches(14, 7, 1), fashion, false));
        assertDoesNotThrow(() -> DatasetFit.requireTrainable(patches(28, 7, 1), fashion, false));
    }

    @Test
    void withoutTheImageFieldsPatchLengthAndCountAreCompared() throws IOException {
        DatasetMetadata geometry = metadata("{\"numPatches\":16,\"patchDim\":49}");

        assertEquals("model.input.channels = 3: does not fit the prepared data: " + geometry.file()
                        + " says patchDim = 49, the model has 147; set model.input.channels so that channels × patch-size² = patchDim",
                problem(patches(28, 7, 3), geometry, false));
        assertEquals("model.input.image-size = 14: does not fit the prepared data: " + geometry.file()
                        + " says numPatches = 16, the model has 4; set model.input.image-size so that (image-size / patch-size)² = numPatches",
                problem(patches(14, 7, 1), geometry, false));
    }

    @Test
    void longerSequencesFitWhenTheyAreTruncated() throws IOException {
        DatasetMetadata text = metadata("{\"vocabSize\":260,\"maxLength\":128}");
        LionConfig mlm = LionConfig.builder().width(8).depth(1).heads(1).task(Task.MLM).tokens(260, 64).build();

        assertEquals("model.input.max-length = 64: does not fit the prepared data: " + text.file()
                + " says maxLength = 128; set model.input.max-length = 128 or data.truncate = true", problem(mlm, text, false));
        assertDoesNotThrow(() -> DatasetFit.requireTrainable(mlm, text, true));
    }

    @Test
    void fieldsTheFileDoesNotHaveAreNotCompared() throws IOException {
        DatasetMetadata bare = metadata("{\"dataset\":\"custom\"}");

        assertDoesNotThrow(() -> DatasetFit.requireTrainable(patches(28, 4, 1), bare, false));
    }
}
