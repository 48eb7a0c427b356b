package ai.lion.spark.ml;

import ai.lion.core.models.LionConfig;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/** A param holding a {@link LionConfig}, stored in Spark ML metadata as the configuration's own JSON. */
final class LionConfigParam extends Param<LionConfig> {

    private static final long serialVersionUID = 1L;

    LionConfigParam(Params parent, String name, String doc) {
        super(parent, name, doc);
    }

    @Override
    public String jsonEncode(LionConfig value) {
        return value.toJson();
    }

    @Override
    public LionConfig jsonDecode(String json) {
        return LionConfig.fromJson(json);
    }
}
