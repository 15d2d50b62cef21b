package io.callsignal.bench.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.ingest.SignalIds;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark-only pipeline must key signals as callsignal does, or its MERGE would compare other rows. */
class SparkOnlyPipelineTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("spark-only-test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void derivedSignalIdsAreTheStreamsAppsNameBasedUuids() {
        for (List<String> key : List.of(List.of("call-1", "overall_score", "v1"),
                List.of("7123456789012345678", "next_steps_agreed", "v2"),
                List.of("u7Zk3vQ+Yw==", "talk_ratio", "2026.11-β"),
                List.of("call-é", "deal_stage", ""))) {
            String derived = spark.sql("SELECT " + SparkOnlyPipeline.DERIVED_ID
                    + " FROM (SELECT md5(concat_ws(char(0), '" + key.get(0) + "', '" + key.get(1) + "', '" + key.get(2)
                    + "')) AS h)").head().getString(0);
            assertEquals(SignalIds.derive(key.get(0), key.get(1), key.get(2)), derived, key.toString());
        }
    }
}
