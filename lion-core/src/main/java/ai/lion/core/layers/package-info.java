/**
 * Deeplearning4j layers for LION models, on NCW sequences {@code [batch, channels, time]} with DL4J
 * feature masks for padding.
 *
 * <ul>
 *   <li>{@link ai.lion.core.layers.LionAttentionLayer}: multi-head LION attention;</li>
 *   <li>{@link ai.lion.core.layers.LionBlockLayer}: a pre-LN transformer block around it (attention and
 *       MLP with residuals);</li>
 *   <li>{@link ai.lion.core.layers.LionAttentionSpec}: what the attention computes (heads, decay
 *       variant, training form, chunk size, patch order); {@link ai.lion.core.layers.PatchCurves}: the
 *       snake scan orders of the curve ("♮") variants;</li>
 *   <li>{@link ai.lion.core.layers.TokenLayer}: the base of these layers, of the embedding layers and
 *       of {@link ai.lion.core.models.layers.SequenceLayerNorm}: parameters in a
 *       {@link ai.lion.core.layers.ParameterTable}, a {@link ai.lion.core.layers.TokenComputation}
 *       with hand-written forward and backward passes on token rows.</li>
 * </ul>
 */
package ai.lion.core.layers;
