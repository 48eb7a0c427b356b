package ai.lion.datasets;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.Serializable;

/** Images and their labels, read from a pair of idx files and checked against each other. */
final class LabelledImages implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int count;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final byte[] labels;

    private LabelledImages(IdxArray images, IdxArray labels) {
        this.count = images.count();
        this.height = images.dimensions()[1];
        this.width = images.dimensions()[2];
        this.pixels = images.data();
        this.labels = labels.data();
    }

    /**
     * Reads an images file (rank 3: count x height x width) and a labels file (rank 1: count) with
     * labels in {@code [0, numClasses)}.
     */
    static LabelledImages read(Configuration conf, String imagesUri, String labelsUri, int numClasses)
            throws IOException {
        IdxArray images = IdxReader.read(conf, imagesUri);
        if (images.rank() != 3) {
            throw new IdxFormatException(imagesUri, "an images file must have 3 dimensions (count x height x "
                    + "width), this one has shape " + images.shape());
        }
        IdxArray labels = IdxReader.read(conf, labelsUri);
        if (labels.rank() != 1) {
            throw new IdxFormatException(labelsUri, "a labels file must have 1 dimension, this one has shape "
                    + labels.shape());
        }
        if (labels.count() != images.count()) {
            throw new IdxFormatException(labelsUri, "holds " + labels.count() + " labels but " + imagesUri
                    + " holds " + images.count() + " images");
        }
        for (int i = 0; i < labels.count(); i++) {
            if (labels.unsigned(i) >= numClasses) {
                throw new IdxFormatException(labelsUri, "label " + labels.unsigned(i) + " at index " + i
                        + " is outside 0.." + (numClasses - 1));
            }
        }
        return new LabelledImages(images, labels);
    }

    int count() {
        return count;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    int imageSize() {
        return height * width;
    }

    /** All pixels, image after image; shared, not copied. */
    byte[] pixels() {
        return pixels;
    }

    int label(int index) {
        return labels[index] & 0xff;
    }
}
