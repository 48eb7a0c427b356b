package ai.lion.jobs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.function.Predicate;

/**
 * An output stream that passes whole lines on to another stream, except the lines a predicate drops.
 *
 * <p>It exists for one line: ND4J 1.0.0-M2.1's {@code SameDiff.createGradFunction} prints
 * {@code Added differentiated op <name>} to {@code System.out} for every operation, unconditionally,
 * each time a network with SameDiff layers (the LION layers) is built for training, which in a
 * parameter-averaging run is every split on every worker: tens of thousands of lines that would bury
 * the job's results. {@link #sameDiffChatter(PrintStream)} drops exactly those lines.
 */
final class LineFilter extends OutputStream {

    /** The prefix of the lines ND4J's {@code SameDiff.createGradFunction} prints. */
    static final String SAME_DIFF_CHATTER = "Added differentiated op ";

    private final PrintStream target;
    private final Charset charset;
    private final Predicate<String> drop;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineFilter(PrintStream target, Charset charset, Predicate<String> drop) {
        this.target = target;
        this.charset = charset;
        this.drop = drop;
    }

    /**
     * A print stream to {@code target}, which encodes text in {@code charset}, without ND4J's
     * {@value #SAME_DIFF_CHATTER}lines.
     */
    static PrintStream sameDiffChatter(PrintStream target, Charset charset) {
        return new PrintStream(new LineFilter(target, charset, text -> text.startsWith(SAME_DIFF_CHATTER)), true,
                charset);
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
        target.flush();
    }

    private void emit() {
        String text = line.toString(charset);
        line.reset();
        if (!drop.test(text)) {
            target.print(text);
        }
    }
}
