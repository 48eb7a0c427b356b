package ai.lion.core.inference;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the encoder computes for a batch of sequences: the softmax class probabilities
 * {@code [B, classes]} and the pooled embeddings {@code [B, C]} that the classifier reads (the
 * activations of the graph's pooling vertex). The caller owns both arrays.
 */
public record Encoding(INDArray probabilities, INDArray embeddings) {
}
