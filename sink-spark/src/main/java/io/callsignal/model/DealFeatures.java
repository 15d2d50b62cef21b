package io.callsignal.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.deal_features as the model reads it: the feature columns, the label, and the point-in-time
 * rule checked before anything is trained on them.
 */
public final class DealFeatures {

    /** The columns of gold.deal_features the model uses, in this order (gold/deal_features.sql). */
    public static final List<String> COLUMNS = List.of("calls", "days_active", "avg_confidence", "score_signals",
            "boolean_signals", "category_signals", "extraction_signals", "count_signals", "risk_flag_rate",
            "next_steps_rate", "avg_overall_score", "score_trend");
    /** The baseline's one feature. */
    public static final String BASELINE = "avg_overall_score";

    private DealFeatures() {
    }

    /** The features at a version of the table, deals with at least one call only. */
    public static Dataset<Row> at(LakeCatalog lake, long version) {
        return lake.spark().read().format("delta").option("versionAsOf", version)
                .load(lake.location(LakeTable.GOLD_DEAL_FEATURES)).where(col("calls").gt(0));
    }

    /**
     * Closed deals with a close date, labelled (1 won, 0 lost), in a fixed order so that training
     * on the same data gives the same model.
     */
    public static Dataset<Row> labelled(Dataset<Row> features) {
        return features.where(col("is_closed").and(col("close_date").isNotNull()).and(col("is_won").isNotNull()))
                .withColumn("label", when(col("is_won"), 1.0).otherwise(0.0))
                .orderBy("close_date", "deal_id").coalesce(1);
    }

    /** Closed deals whose features include a call on or after their close date: leakage from the outcome. */
    public static List<String> leaking(Dataset<Row> features) {
        return features.where(col("is_closed").and(col("last_call_at").geq(col("close_date").cast("timestamp"))))
                .select("deal_id").orderBy("deal_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }
}
