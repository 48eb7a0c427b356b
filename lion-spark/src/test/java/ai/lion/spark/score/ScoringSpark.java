package ai.lion.spark.score;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/** Test support: a local[2] session per test class, and a count of the Spark jobs it started. */
public final class ScoringSpark {

    private final SparkSession session;
    private final AtomicInteger jobs = new AtomicInteger();

    private ScoringSpark(SparkSession session) {
        this.session = session;
        session.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
            }
        });
    }

    /** Starts local[2] without UI; stop it after the class. */
    public static ScoringSpark start(Class<?> testClass) {
        SparkSession session = SparkSession.builder()
                .master("local[2]")
                .appName(testClass.getSimpleName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        return new ScoringSpark(session);
    }

    public SparkSession session() {
        return session;
    }

    /** Jobs started so far, after every event already posted has reached the listener. */
    public int jobsStarted() throws TimeoutException {
        session.sparkContext().listenerBus().waitUntilEmpty();
        return jobs.get();
    }

    public void stop() {
        session.stop();
    }
}
