package ai.lion.core.models;

import java.io.Serializable;
import org.nd4j.shade.jackson.annotation.JsonSubTypes;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

/**
 * What a model reads: image patches or token ids. Serialised with a {@code "kind"} field
 * ({@code "PATCHES"} or {@code "TOKENS"}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PatchInput.class, name = "PATCHES"),
        @JsonSubTypes.Type(value = TokenInput.class, name = "TOKENS")})
public sealed interface InputSpec extends Serializable permits PatchInput, TokenInput {

    /** Number of positions the attention layers see (for patches: the patches plus the cls token). */
    int sequenceLength();
}
