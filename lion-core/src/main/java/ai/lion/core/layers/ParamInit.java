package ai.lion.core.layers;

import ai.lion.core.layers.embed.TruncatedNormal;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.TruncatedNormalDistribution;
import org.nd4j.linalg.factory.Nd4j;

/** Parameter initialisers (drawing from ND4J's global random generator, which DL4J seeds). */
final class ParamInit {

    private ParamInit() {
    }

    /** Fills {@code target} from N(0, {@link TruncatedNormal#STD}²) truncated at two standard deviations. */
    static void truncatedNormal(INDArray target) {
        INDArray draw = Nd4j.createUninitialized(target.dataType(), target.shape());
        Nd4j.getExecutioner().exec(new TruncatedNormalDistribution(draw, 0.0, TruncatedNormal.STD), Nd4j.getRandom());
        target.assign(draw);
    }

    /** Fills {@code target} from N(0, 1). */
    static void standardNormal(INDArray target) {
        target.assign(Nd4j.randn(target.dataType(), target.shape()));
    }
}
