package ai.lion.spark.train;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One progress line per split and per epoch (logger {@code ai.lion.spark.train.progress}), with
 * throughput and an estimate of the time left, from the split and evaluation times of this process.
 * For masked-language models losses and accuracy are per masked token, and the epoch line gives the
 * perplexity of each loss. An epoch's line ends with the rows skipped as bad, per split and problem, when
 * there were any.
 */
final class ProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger("ai.lion.spark.train.progress");

    private final int totalEpochs;
    private final boolean perMaskedToken;
    private double splitSeconds;
    private int splitsTimed;
    private double validationSeconds;
    private int validationsTimed;

    /** @param perMaskedToken whether losses are per masked token (MLM): the epoch line then gives their perplexity */
    ProgressLog(int totalEpochs, boolean perMaskedToken) {
        this.totalEpochs = totalEpochs;
        this.perMaskedToken = perMaskedToken;
    }

    void split(SplitRecord split) {
        splitSeconds += split.seconds();
        splitsTimed++;
        Duration left = remaining(split.epoch(), split.splits() - split.split() - 1, split.splits(), true);
        LOG.info(String.format(Locale.ROOT,
                "epoch %d/%d split %d/%d: train loss %.4f, lr %.3g, %d examples in %.1f s (%.0f examples/s), ETA %s",
                split.epoch() + 1, totalEpochs, split.split() + 1, split.splits(), split.trainLoss(),
                split.learningRate(), split.examples(), split.seconds(), split.examples() / split.seconds(),
                format(left)));
    }

    void epoch(EpochMetrics epoch, EpochMetrics best, double checkpointSeconds) {
        validationSeconds += epoch.validationSeconds();
        validationsTimed++;
        Duration left = remaining(epoch.epoch(), 0, epoch.splits(), false);
        LOG.info(String.format(Locale.ROOT,
                "epoch %d/%d done: train loss %s, val loss %s, val accuracy %.4f (best val loss %.4f at epoch %d),"
                        + " %.0f examples/s, data %.1f s + train %.1f s + validation %.1f s + checkpoint %.2f s, ETA %s",
                epoch.epoch() + 1, totalEpochs, loss(epoch.trainLoss()), loss(epoch.validationLoss()),
                epoch.validationAccuracy(),
                best.validationLoss(), best.epoch() + 1, epoch.examplesPerSecond(), epoch.dataSeconds(), epoch.trainSeconds(),
                epoch.validationSeconds(), checkpointSeconds, format(left))
                + (epoch.skipped().any() ? ", skipped rows: " + epoch.skipped().describe() : ""));
    }

    void splitTimes(int epoch, SplitTimes times) {
        LOG.info(String.format(Locale.ROOT, "epoch %d/%d time: %s", epoch + 1, totalEpochs, times.describe()));
    }

    /** Time left after {@code splitsLeft} more splits of {@code epoch}, then the epochs after it. */
    private Duration remaining(int epoch, int splitsLeft, int splitsPerEpoch, boolean validationPending) {
        double perSplit = splitSeconds / Math.max(1, splitsTimed);
        double perValidation = validationsTimed == 0 ? perSplit : validationSeconds / validationsTimed;
        int laterEpochs = totalEpochs - epoch - 1;
        double seconds = perSplit * (splitsLeft + (double) laterEpochs * splitsPerEpoch)
                + perValidation * (laterEpochs + (validationPending ? 1 : 0));
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The loss, with its perplexity when it is per masked token. */
    private String loss(double loss) {
        return perMaskedToken ? Perplexity.describe(loss) : String.format(Locale.ROOT, "%.4f", loss);
    }

    private static String format(Duration duration) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(),
                duration.toSecondsPart());
    }
}
