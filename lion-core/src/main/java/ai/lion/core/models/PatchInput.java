package ai.lion.core.models;

import static ai.lion.core.models.Checks.positive;

import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Square images of {@code imageSize × imageSize} pixels with {@code channels} channels, cut into
 * non-overlapping {@code patchSize × patchSize} patches.
 *
 * <p>The model input is {@code [batch, patchDim, numPatches]} (NCW, float), patches in raster order
 * (row by row), each flattened channel-major as {@code (c, y, x)}; {@link ImagePatches} produces it.
 *
 * @param imageSize side of the image in pixels
 * @param patchSize side of a patch in pixels; must divide {@code imageSize}
 * @param channels  colour channels
 */
public record PatchInput(
        @JsonProperty("imageSize") int imageSize,
        @JsonProperty("patchSize") int patchSize,
        @JsonProperty("channels") int channels) implements InputSpec {

    /** Validates the sizes. */
    public PatchInput {
        positive("imageSize", imageSize);
        positive("patchSize", patchSize);
        positive("channels", channels);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("patchSize must divide imageSize, got patchSize=" + patchSize
                    + " and imageSize=" + imageSize);
        }
    }

    /** Patches per row (and per column) of the image. */
    public int gridSide() {
        return imageSize / patchSize;
    }

    /** Number of patches per image. */
    public int numPatches() {
        return gridSide() * gridSide();
    }

    /** Length of one flattened patch: {@code channels · patchSize²}. */
    public int patchDim() {
        return channels * patchSize * patchSize;
    }

    /** The patches plus the cls token, which is always prepended. */
    @Override
    public int sequenceLength() {
        return numPatches() + 1;
    }
}
