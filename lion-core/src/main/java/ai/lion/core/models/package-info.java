/**
 * LION models as Deeplearning4j {@code ComputationGraph}s, built from one {@link ai.lion.core.models.LionConfig}.
 *
 * <p>{@link ai.lion.core.models.LionConfig} describes a model completely (and round-trips through
 * JSON); the model builders turn it into a graph with one input {@code "input"} and one output
 * {@code "output"}.
 */
package ai.lion.core.models;
