package ai.lion.datasets;

/**
 * Mean and population standard deviation of pixel values scaled to [0, 1].
 *
 * @param mean the mean of {@code pixel / 255}
 * @param std  the standard deviation of {@code pixel / 255}
 */
public record PixelStatistics(double mean, double std) {

    /** The identity transform: values stay {@code pixel / 255}. */
    public static final PixelStatistics IDENTITY = new PixelStatistics(0.0, 1.0);

    public PixelStatistics {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("std must be positive and finite, got " + std);
        }
    }

    /** The statistics of all pixels of the images {@code indices} of {@code images}. */
    static PixelStatistics of(LabelledImages images, int[] indices) {
        long[] histogram = new long[256];
        int size = images.imageSize();
        byte[] pixels = images.pixels();
        for (int index : indices) {
            for (int p = index * size, end = p + size; p < end; p++) {
                histogram[pixels[p] & 0xff]++;
            }
        }
        double count = (double) indices.length * size;
        double sum = 0;
        for (int v = 0; v < 256; v++) {
            sum += histogram[v] * (v / 255.0);
        }
        double mean = sum / count;
        double squares = 0;
        for (int v = 0; v < 256; v++) {
            double deviation = v / 255.0 - mean;
            squares += histogram[v] * deviation * deviation;
        }
        return new PixelStatistics(mean, Math.sqrt(squares / count));
    }
}
