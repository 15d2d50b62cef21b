package io.callsignal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark and Delta Lake run in this JVM (Java 17) and write a real Delta table under the lake root. */
class LakeSessionTest {

    @TempDir
    Path lake;

    @Test
    void writesAndTimeTravelsADeltaTableUnderTheLakeRoot() {
        SparkSession spark = LakeSession.open(Config.of(Map.of("LAKE_ROOT", lake.toString()), Optional.empty()));
        try {
            String table = lake.resolve("smoke").toString();
            spark.sql("CREATE TABLE delta.`" + table + "` (id STRING, n INT) USING delta");
            spark.sql("INSERT INTO delta.`" + table + "` VALUES ('a', 1)");
            spark.sql("INSERT INTO delta.`" + table + "` VALUES ('b', 2)");

            List<String> now = ids(spark, "SELECT id FROM delta.`" + table + "` ORDER BY id");
            List<String> before = ids(spark, "SELECT id FROM delta.`" + table + "` VERSION AS OF 1");

            assertEquals(List.of("a", "b"), now);
            assertEquals(List.of("a"), before);
            assertTrue(Files.isDirectory(lake.resolve("smoke/_delta_log")));
        } finally {
            spark.stop();
        }
    }

    @Test
    void theMasterIsSparkMasterWhereSetElseTheOneSparkSubmitWasGiven() {
        SparkConf submitted = new SparkConf(false).set("spark.master", "spark://spark-master:7077");
        Config unset = Config.of(Map.of(), Optional.empty());
        Config set = Config.of(Map.of("SPARK_MASTER", "local[1]"), Optional.empty());

        assertEquals("spark://spark-master:7077", LakeSession.master(unset, submitted));
        assertEquals("local[1]", LakeSession.master(set, submitted));
        assertEquals("local[2]", LakeSession.master(unset, new SparkConf(false)), "not submitted: the default");
    }

    @Test
    void onlyS3WithDeltasDefaultLogStoreTakesOneWritingDriver(@TempDir Path dir) throws Exception {
        Path multiDriver = Files.writeString(dir.resolve("multi.properties"),
                "spark.delta.logStore.s3a.impl=io.delta.storage.S3DynamoDBLogStore\n");
        Path singleDriver = Files.writeString(dir.resolve("single.properties"),
                "spark.delta.logStore.class=io.delta.storage.S3SingleDriverLogStore\n");

        assertTrue(LakeSession.oneWritingDriver(Config.of(Map.of("LAKE_ROOT", "s3a://bucket/lake"), Optional.empty())));
        assertTrue(LakeSession.oneWritingDriver(Config.of(Map.of("LAKE_ROOT", "S3://bucket/lake"), Optional.empty())));
        assertTrue(LakeSession.oneWritingDriver(Config.of(Map.of("LAKE_ROOT", "s3a://bucket/lake"), Optional.of(singleDriver))));
        assertFalse(LakeSession.oneWritingDriver(Config.of(Map.of("LAKE_ROOT", "s3a://bucket/lake"), Optional.of(multiDriver))));
        assertFalse(LakeSession.oneWritingDriver(Config.of(Map.of("LAKE_ROOT", "abfss://c@a.dfs.core.windows.net/lake"),
                Optional.empty())));
        assertFalse(LakeSession.oneWritingDriver(Config.of(Map.of("LAKE_ROOT", lake.toString()), Optional.empty())));
    }

    private static List<String> ids(SparkSession spark, String query) {
        return spark.sql(query).collectAsList().stream().map(row -> row.getString(0)).toList();
    }
}
