package io.callsignal.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import java.util.Optional;
import org.apache.spark.ml.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gold.deal_predictions: the champion's win probability for every deal with calls, from its current
 * features. Rewritten whole (a few rows per deal at most) when the features or the champion changed
 * since the last write, which its commit records; otherwise nothing is read or written.
 */
public final class DealPredictions {

    private static final Logger LOG = LoggerFactory.getLogger(DealPredictions.class);

    private DealPredictions() {
    }

    /** Whether it wrote: false when there is no champion yet, or nothing changed. */
    public static boolean refresh(LakeCatalog lake) {
        if (!lake.exists(LakeTable.GOLD_DEAL_FEATURES)) {
            return false;
        }
        Optional<ModelRegistry.Version> champion = ModelRegistry.champion(lake);
        if (champion.isEmpty()) {
            return false;
        }
        long featuresVersion = lake.version(LakeTable.GOLD_DEAL_FEATURES);
        String build = "from " + LakeTable.GOLD_DEAL_FEATURES.qualifiedName() + "@" + featuresVersion + " by model v"
                + champion.get().version();
        if (lake.lastBuild(LakeTable.GOLD_DEAL_PREDICTIONS).filter(build::equals).isPresent()) {
            return false;
        }
        champion.get().load().transform(DealFeatures.at(lake, featuresVersion))
                .select(col("deal_id"), functions.vector_to_array(col("probability"), "float64").getItem(1).as("win_probability"),
                        lit(champion.get().version()).as("model_version"), col("features_as_of"))
                .write().format("delta").mode("overwrite").option("userMetadata", build)
                .save(lake.location(LakeTable.GOLD_DEAL_PREDICTIONS));
        LOG.info("refreshed {} ({})", LakeTable.GOLD_DEAL_PREDICTIONS.qualifiedName(), build);
        return true;
    }
}
