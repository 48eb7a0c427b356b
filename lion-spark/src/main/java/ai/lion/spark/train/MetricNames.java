package ai.lion.spark.train;

/** Names of the metrics the trainer records in checkpoints and in the JSON-lines metrics log. */
public final class MetricNames {

    /** Mean loss per prediction target on the validation set (the early-stopping metric). */
    public static final String VALIDATION_LOSS = "val_loss";
    /** Share of prediction targets whose arg-max class is right, on the validation set. */
    public static final String VALIDATION_ACCURACY = "val_accuracy";
    /** Training loss per prediction target, as {@link EpochMetrics#trainLoss()} defines it. */
    public static final String TRAIN_LOSS = "train_loss";

    private MetricNames() {
    }
}
