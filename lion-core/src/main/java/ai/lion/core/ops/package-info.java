/**
 * The LION operator in its training forms (ATTENTION, CHUNK), forward and hand-derived backward, on
 * batch-head tensors [R, T, d].
 */
package ai.lion.core.ops;
