package ai.lion.spark.train;

import org.apache.spark.sql.SparkSession;

/** A training driver in its own JVM: runs (or resumes) the {@link ReferenceRun} on local[2]. Argument: the checkpoint root. */
public final class ReferenceRunMain {

    private ReferenceRunMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ReferenceRunMain <checkpointRoot>");
        }
        SparkSession spark = TrainingSpark.local(ReferenceRunMain.class);
        try {
            TrainingReport report = ReferenceRun.fit(spark, args[0]);
            System.out.println("finished: " + report.stopReason() + ", resumed from " + report.resumedFrom());
        } finally {
            spark.stop();
        }
    }
}
