/**
 * The layers between the LION block stack and a model's output layer: the final
 * {@link ai.lion.core.models.layers.SequenceLayerNorm} and {@link ai.lion.core.models.layers.ClsPooling}.
 */
package ai.lion.core.models.layers;
