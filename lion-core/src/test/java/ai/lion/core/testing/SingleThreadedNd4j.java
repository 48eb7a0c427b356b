package ai.lion.core.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a test class with ND4J's native ops on one thread, then restores the thread counts. The tiny
 * tensors of the test models gain nothing from parallel ops, and on a small shared machine the
 * spinning worker threads cost several times the useful work.
 */
public final class SingleThreadedNd4j implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SingleThreadedNd4j.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Environment environment = Nd4j.getEnvironment();
        context.getStore(NAMESPACE).put("threads", new int[]{environment.maxThreads(), environment.maxMasterThreads()});
        environment.setMaxThreads(1);
        environment.setMaxMasterThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        int[] threads = context.getStore(NAMESPACE).remove("threads", int[].class);
        Nd4j.getEnvironment().setMaxThreads(threads[0]);
        Nd4j.getEnvironment().setMaxMasterThreads(threads[1]);
    }
}
