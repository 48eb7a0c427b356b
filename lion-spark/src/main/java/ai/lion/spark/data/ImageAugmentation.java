package ai.lion.spark.data;

import java.io.Serializable;

/**
 * Random changes to the training images of a patch model, drawn afresh for every example in every
 * epoch: a shift of up to {@code maxShift} pixels along each axis (the border pixels are repeated into
 * the space the shift opens) and, with {@code horizontalFlip}, a mirror image for half of the examples.
 * Only training minibatches are changed; validation, evaluation and scoring read the images as they are.
 *
 * @param maxShift       largest shift in pixels, drawn uniformly from {@code [-maxShift, maxShift]} for
 *                       each axis; 0 keeps the images in place
 * @param horizontalFlip whether half of the images are mirrored left to right
 */
public record ImageAugmentation(int maxShift, boolean horizontalFlip) implements Serializable {

    /** No augmentation: the images as they are. */
    public static final ImageAugmentation NONE = new ImageAugmentation(0, false);

    /** Validates the shift. */
    public ImageAugmentation {
        if (maxShift < 0) {
            throw new IllegalArgumentException("maxShift must be >= 0, got " + maxShift);
        }
    }

    /** Whether this changes any image. */
    public boolean isNone() {
        return maxShift == 0 && !horizontalFlip;
    }
}
