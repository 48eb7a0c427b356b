package ai.lion.core.models;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A trained (or freshly built) LION model as one artifact: the DL4J network, the {@link LionConfig}
 * that describes it, and its {@link Provenance}. Checkpoints, Spark ML persistence and scoring all
 * store and read this one format, so a model file says by itself what it reads and predicts.
 *
 * <p><b>File format.</b> A zip holding DL4J's {@code ModelSerializer} entries (so DL4J can still restore
 * the network from it) plus {@value #CONFIG_ENTRY} ({@link LionConfig#toJson()}) and
 * {@value #PROVENANCE_ENTRY} ({@link Provenance#toJson()}). A zip without {@value #CONFIG_ENTRY}, such as
 * a plain DL4J model, is refused: it was not written by this project.
 *
 * <p>The network is live and mutable (a trainer keeps fitting it); the config and provenance are
 * immutable. The constructor checks that the network is the one the config describes.
 */
public final class LionModel {

    /** The zip entry holding the {@link LionConfig}. */
    public static final String CONFIG_ENTRY = "lion-config.json";
    /** The zip entry holding the {@link Provenance}. */
    public static final String PROVENANCE_ENTRY = "provenance.json";

    private final ComputationGraph network;
    private final LionConfig config;
    private final Provenance provenance;

    /**
     * Holds {@code network}, which must be the model {@code config} describes.
     *
     * @throws IllegalArgumentException if the network's parameter count differs from the one
     *                                  {@link LionModels#configuration} gives for {@code config}
     */
    public LionModel(ComputationGraph network, LionConfig config, Provenance provenance) {
        this(network, config, provenance, "the network");
    }

    private LionModel(ComputationGraph network, LionConfig config, Provenance provenance, String source) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        long expected = parameterCount(LionModels.configuration(config, AdamW.defaults()));
        long actual = network.numParams();
        if (actual != expected) {
            throw new IllegalArgumentException(source + " has " + actual + " parameters, but its LionConfig describes"
                    + " a model with " + expected + " (" + config.variant() + ", width " + config.width() + ", depth "
                    + config.depth() + ", input " + config.input() + ", " + config.outputSize() + " outputs)");
        }
    }

    /** A freshly initialised model of {@code config} ({@link LionModels#build}) with {@code provenance}. */
    public static LionModel build(LionConfig config, AdamW optimizer, Provenance provenance) {
        return new LionModel(LionModels.build(config, optimizer), config, provenance);
    }

    /** The network; shared, not copied. */
    public ComputationGraph network() {
        return network;
    }

    public LionConfig config() {
        return config;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** This model (the same network object) with another provenance. */
    public LionModel withProvenance(Provenance other) {
        return new LionModel(network, config, other);
    }

    /**
     * Writes the model file to {@code out}, which stays open. DL4J's entries are staged in a local temporary
     * file and copied uncompressed, so neither the heap nor a second compression pass pays for large models.
     *
     * @param withUpdater whether the optimiser state goes in too (to continue training; not needed to score)
     */
    public void write(OutputStream out, boolean withUpdater) throws IOException {
        Path staged = Files.createTempFile("lion-model-", ".zip");
        try {
            try (OutputStream file = Files.newOutputStream(staged)) {
                ModelSerializer.writeModel(network, file, withUpdater);
            }
            ZipOutputStream zip = new ZipOutputStream(out);
            try (ZipFile dl4j = new ZipFile(staged.toFile())) {
                for (ZipEntry entry : Collections.list(dl4j.entries())) {
                    zip.putNextEntry(stored(entry));
                    try (InputStream in = dl4j.getInputStream(entry)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
            putText(zip, CONFIG_ENTRY, config.toJson());
            putText(zip, PROVENANCE_ENTRY, provenance.toJson());
            zip.finish();
            zip.flush();
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** An uncompressed entry with the name, size and checksum of {@code source}. */
    private static ZipEntry stored(ZipEntry source) {
        ZipEntry entry = new ZipEntry(source.getName());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(source.getSize());
        entry.setCompressedSize(source.getSize());
        entry.setCrc(source.getCrc());
        return entry;
    }

    private static void putText(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /**
     * Reads a model file from {@code in} (copied to a local temporary file first, as DL4J needs one).
     *
     * @param source      names the file in messages
     * @param withUpdater whether to restore the optimiser state (if the file has it)
     * @throws IllegalArgumentException if it is not a zip, was not written by this project (no
     *                                  {@value #CONFIG_ENTRY}), or its network does not match its config
     */
    public static LionModel read(InputStream in, String source, boolean withUpdater) throws IOException {
        Path local = Files.createTempFile("lion-model-", ".zip");
        try {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            return read(local.toFile(), source, withUpdater);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /**
     * Reads the model file {@code file}, named {@code source} in messages (e.g. where it was copied
     * from); see {@link #read(InputStream, String, boolean)}.
     */
    public static LionModel read(File file, String source, boolean withUpdater) throws IOException {
        LionConfig config;
        Provenance provenance;
        try (ZipFile zip = new ZipFile(file)) {
            String configJson = text(zip, CONFIG_ENTRY, source);
            String provenanceJson = text(zip, PROVENANCE_ENTRY, source);
            try {
                config = LionConfig.fromJson(configJson);
                provenance = Provenance.fromJson(provenanceJson);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException(source + " is not a LION model file: it is not a zip (" + e.getMessage()
                    + ")", e);
        }
        ComputationGraph network;
        try {
            network = ModelSerializer.restoreComputationGraph(file, withUpdater);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": DL4J cannot restore its network: " + e.getMessage(), e);
        }
        return new LionModel(network, config, provenance, source);
    }

    private static String text(ZipFile zip, String name, String source) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw missing(name, source);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static IllegalArgumentException missing(String name, String source) {
        return new IllegalArgumentException(source + " has no " + name + " entry, so it was not written by this"
                + " project's LionModel; plain DL4J ModelSerializer zips are not LION model files (retrain, or"
                + " wrap the network with its LionConfig in a LionModel and write that)");
    }

    /**
     * Only the {@link LionConfig} of the model file read from {@code in}, without restoring the network:
     * what a driver needs to plan work on the model. The stream is read up to that entry, not closed.
     *
     * @param source names the file in messages
     * @throws IllegalArgumentException if the file has no (valid) {@value #CONFIG_ENTRY}
     */
    public static LionConfig readConfig(InputStream in, String source) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().equals(CONFIG_ENTRY)) {
                try {
                    return LionConfig.fromJson(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
                }
            }
        }
        throw missing(CONFIG_ENTRY, source);
    }

    /** The number of parameters a network of {@code configuration} has, without building it. */
    private static long parameterCount(ComputationGraphConfiguration configuration) {
        return configuration.getVertices().values().stream().mapToLong(vertex -> vertex.numParams(true)).sum();
    }

    @Override
    public String toString() {
        return "LionModel{" + config.variant() + " " + config.task() + ", input " + config.input() + ", "
                + network.numParams() + " parameters, trained to " + provenance.position() + "}";
    }
}
