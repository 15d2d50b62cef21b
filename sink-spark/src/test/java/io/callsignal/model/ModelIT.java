package io.callsignal.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.Config;
import io.callsignal.gold.GoldRefresh;
import io.callsignal.testkit.SinkFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deal-outcome model's parts on a lake small enough to check by hand: features as of a deal's
 * close, the leakage check that stops training, and predict_deal_outcome in SQL. Its quality on the
 * sample is EndToEndIT's.
 */
class ModelIT {

    /** One lake for both tests (a new lake costs its tables' creation); their deals are their own. */
    @TempDir
    static Path dir;
    private static Config config;
    private static LakeCatalog lake;

    @BeforeAll
    static void openTheLake() {
        config = Config.of(Map.of("LAKE_ROOT", dir.resolve("lake").toString()), Optional.empty());
        lake = LakeCatalog.open(LakeSession.open(config), config);
    }

    @Test
    void aClosedDealsFeaturesLeaveOutItsCallsFromTheCloseOnAndLeakingFeaturesStopTraining() {
        SparkSession spark = lake.spark();
        // D1 closed, won, on 10 March: a call before (score 8) and the kickoff after (score 2).
        // D2 is open: both its calls count.
        spark.sql("""
                INSERT INTO silver.conversations (call_id, call_timestamp, deal_id) VALUES
                    ('c1', TIMESTAMP'2026-03-01 10:00:00', 'D1'), ('c2', TIMESTAMP'2026-03-12 10:00:00', 'D1'),
                    ('c3', TIMESTAMP'2026-03-02 10:00:00', 'D2'), ('c4', TIMESTAMP'2026-03-06 10:00:00', 'D2')""");
        spark.sql("""
                INSERT INTO silver.conversation_signals (signal_id, call_id, signal_name, signal_value, signal_type,
                    confidence, scoring_version, evaluated_at) VALUES
                    ('s1', 'c1', 'overall_score', '8', 'score', 0.9, 'v1', TIMESTAMP'2026-03-01 11:00:00'),
                    ('s2', 'c2', 'overall_score', '2', 'score', 0.9, 'v1', TIMESTAMP'2026-03-12 11:00:00'),
                    ('s3', 'c2', 'pricing_objection', 'true', 'boolean', 0.9, 'v1', TIMESTAMP'2026-03-12 11:00:00'),
                    ('s4', 'c3', 'overall_score', '4', 'score', 0.5, 'v1', TIMESTAMP'2026-03-02 11:00:00'),
                    ('s5', 'c4', 'overall_score', '6', 'score', 0.7, 'v1', TIMESTAMP'2026-03-06 11:00:00')""");
        spark.sql("""
                INSERT INTO silver.deal_outcomes (deal_id, source_system, stage, is_closed, is_won, close_date,
                    updated_at) VALUES
                    ('D1', 'salesforce', 'Closed Won', true, true, DATE'2026-03-10', TIMESTAMP'2026-03-10 09:00:00'),
                    ('D2', 'hubspot', 'contractsent', false, false, DATE'2026-04-30', TIMESTAMP'2026-03-03 09:00:00')""");
        GoldRefresh.refresh(lake, config);

        assertEquals(List.of(
                "D1|true|2026-03-10 00:00:00.0|1|2026-03-01 10:00:00.0|8.0|0.0|9",
                "D2|false|2026-03-06 10:00:00.0|2|2026-03-06 10:00:00.0|5.0|0.0|4"),
                SinkFixture.strings(lake, "SELECT deal_id, is_closed, features_as_of, calls, last_call_at,"
                        + " avg_overall_score, risk_flag_rate, days_active FROM gold.deal_features"
                        + " WHERE deal_id IN ('D1', 'D2') ORDER BY deal_id"));
        Dataset<Row> features = spark.table("gold.deal_features").where("deal_id IN ('D1', 'D2')");
        assertEquals(List.of(), DealFeatures.leaking(features));

        // Features made as if the kickoff counted: the check names the deal, and training stops before it fits.
        Dataset<Row> leaky = features.withColumn("last_call_at", when(col("deal_id").equalTo("D1"),
                lit("2026-03-12 10:00:00").cast("timestamp")).otherwise(col("last_call_at")));
        assertEquals(List.of("D1"), DealFeatures.leaking(leaky));
        String build = lake.lastBuild(LakeTable.GOLD_DEAL_FEATURES).orElseThrow();
        leaky.localCheckpoint().write().format("delta").mode("overwrite").option("userMetadata", build)
                .save(lake.location(LakeTable.GOLD_DEAL_FEATURES));
        lake.register(LakeTable.ML_RUNS);
        ModelException refused = assertThrows(ModelException.class, () -> ModelTraining.train(lake, config, 42));
        assertTrue(refused.getMessage().contains("close date of 1 deals (D1)"), refused.getMessage());
        assertEquals(0, spark.read().format("delta").load(lake.location(LakeTable.ML_RUNS)).count(), "no run recorded");
    }

    @Test
    void predictDealOutcomeIsTheChampionsPredictionForTheDealInAnyQuery() {
        SparkSession spark = lake.spark();
        spark.sql("CREATE OR REPLACE TEMPORARY VIEW open_deals AS SELECT * FROM VALUES ('P1'), ('P2'), ('P3') AS t(deal_id)");
        spark.sql("INSERT INTO gold.deal_predictions (deal_id, win_probability, model_version) VALUES"
                + " ('P1', 0.8, 3), ('P2', 0.25, 3)");

        assertEquals(List.of("0.8"), SinkFixture.strings(lake, "SELECT predict_deal_outcome('P1')"));
        assertEquals(List.of("P1|0.8", "P2|0.25", "P3|null"), SinkFixture.strings(lake,
                "SELECT deal_id, predict_deal_outcome(deal_id) FROM open_deals ORDER BY deal_id"));
        assertEquals(List.of("P2"), SinkFixture.strings(lake, "SELECT deal_id FROM open_deals o"
                + " WHERE predict_deal_outcome(concat('P', substr(o.deal_id, 2))) < 0.5"));
        Exception wrong = assertThrows(Exception.class, () -> spark.sql("SELECT predict_deal_outcome('P1', 'P2')").collect());
        assertTrue(String.valueOf(wrong.getMessage()).contains("takes one argument"), wrong.getMessage());
    }
}
