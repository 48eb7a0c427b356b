/**
 * LION models as Deeplearning4j {@code ComputationGraph}s, built from one {@link ai.lion.core.models.LionConfig}.
 *
 * <p>{@link ai.lion.core.models.LionConfig} describes a model completely (and round-trips through
 * JSON); the model builders turn it into a graph with one input {@code "input"} and one output
 * {@code "output"}.
 *
 * <p>{@link ai.lion.core.models.LionModel} is the one model artifact of the project: the network, its
 * {@code LionConfig} and its {@link ai.lion.core.models.Provenance} in one zip file that checkpoints,
 * Spark ML persistence and scoring all read.
 */
package ai.lion.core.models;
