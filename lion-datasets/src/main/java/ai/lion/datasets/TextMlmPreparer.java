package ai.lion.datasets;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A masked-language-model corpus: English prose (by default the Jargon File from the Debian package
 * {@code jargon-text}) cut into documents, tokenised byte by byte and split into sequences of at most
 * {@code maxLength} tokens: rows {@code id: long, tokens: array<int>} in the splits {@code train} and
 * {@code validation}. Whole documents go to one split, chosen by a hash of (seed, document index). The
 * id is the sequence's position in the corpus, so ids are unique across splits. Masking is left to
 * training time.
 *
 * <p>The text is read and tokenised on the driver (the default corpus is 1.7 MB), so the input must fit
 * in the driver's memory; the rows are then written by the executors.
 */
public final class TextMlmPreparer implements DatasetPreparer {

    public static final String NAME = "mlm-text";

    /** The Debian package that ships the default corpus, and the file read from it. */
    public static final DebianPackage DEBIAN_PACKAGE = DebianPackage.of("jargon-text",
            "/usr/share/doc/jargon-text/jargon.txt.gz");

    /** Row schema of every split. */
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

    private static final Logger LOG = LoggerFactory.getLogger(TextMlmPreparer.class);
    /** Stream key that keeps the document split independent of other uses of the same seed. */
    private static final long SPLIT_STREAM = 0x6d6c6d;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "byte-level MLM sequences from English prose (default: the Jargon File, Debian package jargon-text); "
                + "params: input, maxLength, validationFraction, documentStart, minParagraphWords";
    }

    @Override
    public PrepareReport prepare(SparkSession spark, PrepareOptions options) {
        return prepare(spark, options, TextMlmConfig.fromParams(options.params()));
    }

    /** Prepares the corpus with a typed configuration; the parameters in {@code options} are ignored. */
    public PrepareReport prepare(SparkSession spark, PrepareOptions options, TextMlmConfig config) {
        List<String> documents = readDocuments(spark.sparkContext().hadoopConfiguration(), config);
        SequenceChunker chunker = new SequenceChunker(config.maxLength());
        List<Row> train = new ArrayList<>();
        List<Row> validation = new ArrayList<>();
        int[] documentsPerSplit = new int[2];
        long id = 0;
        long bytes = 0;
        for (int doc = 0; doc < documents.size(); doc++) {
            boolean isValidation = Seeds.unitInterval(options.seed(), SPLIT_STREAM, doc) < config.validationFraction();
            documentsPerSplit[isValidation ? 1 : 0]++;
            for (int[] sequence : chunker.chunk(documents.get(doc))) {
                (isValidation ? validation : train).add(RowFactory.create(id++, sequence));
                bytes += sequence.length - 2;
            }
        }
        LOG.info("{} documents, {} bytes, {} sequences ({} train, {} validation)", documents.size(), bytes, id,
                train.size(), validation.size());
        long totalBytes = bytes;
        return DatasetOutput.writeAtomically(spark, options, NAME, output -> {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            output.writeSplit("train", spark.createDataFrame(context.parallelize(train, output.partitions()), SCHEMA),
                    train.size());
            if (!validation.isEmpty()) {
                output.writeSplit("validation",
                        spark.createDataFrame(context.parallelize(validation, output.partitions()), SCHEMA),
                        validation.size());
            }
            return metadata(config, documentsPerSplit, totalBytes);
        });
    }

    private static List<String> readDocuments(Configuration conf, TextMlmConfig config) {
        TextDocuments parser = new TextDocuments(config.documentStart(), config.minParagraphWords());
        List<String> documents = new ArrayList<>();
        for (String input : config.inputs()) {
            try {
                if (!InputFiles.exists(conf, input)) {
                    String hint = input.equals(TextMlmConfig.DEFAULT_INPUT) ? " " + DEBIAN_PACKAGE.status() : "";
                    throw new IllegalStateException("input " + input + " does not exist." + hint);
                }
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(InputFiles.open(conf, input),
                        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
                    documents.addAll(parser.read(lines));
                }
            } catch (CharacterCodingException e) {
                throw new UncheckedIOException(input + ": not valid UTF-8 text (" + e + ")", e);
            } catch (IOException e) {
                throw new UncheckedIOException(input + ": " + e.getMessage(), e);
            }
        }
        return documents;
    }

    private static Map<String, Object> metadata(TextMlmConfig config, int[] documentsPerSplit, long bytes) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("inputs", config.inputs());
        metadata.put("tokenizer", "utf-8 bytes");
        metadata.put(DatasetMetadata.VOCAB_SIZE, ByteTokenizer.VOCAB_SIZE);
        metadata.put("padId", ByteTokenizer.PAD);
        metadata.put("clsId", ByteTokenizer.CLS);
        metadata.put("sepId", ByteTokenizer.SEP);
        metadata.put("maskId", ByteTokenizer.MASK);
        metadata.put("byteOffset", ByteTokenizer.BYTE_OFFSET);
        metadata.put(DatasetMetadata.MAX_LENGTH, config.maxLength());
        metadata.put("documentStart", config.documentStart().pattern());
        metadata.put("minParagraphWords", config.minParagraphWords());
        metadata.put("validationFraction", config.validationFraction());
        Map<String, Integer> documents = new LinkedHashMap<>();
        documents.put("train", documentsPerSplit[0]);
        documents.put("validation", documentsPerSplit[1]);
        metadata.put("documents", documents);
        metadata.put("textBytes", bytes);
        return metadata;
    }
}
