package io.callsignal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultApplyWhenNothingIsSet() {
        Config config = Config.of(Map.of(), Optional.empty());

        assertEquals("127.0.0.1:9092", config.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS));
        assertEquals(3, config.get(CommonSettings.TOPIC_PARTITIONS));
    }

    @Test
    void environmentOverridesDefaultAndTheFileOverridesEnvironment() throws Exception {
        Path file = dir.resolve("callsignal.properties");
        Files.writeString(file, "topic.partitions=12\nkafka.client.security.protocol=SASL_SSL\n");
        Config config = Config.of(Map.of("TOPIC_PARTITIONS", "6", "LAKE_ROOT", "/data/lake"), Optional.of(file));

        assertEquals(12, config.get(CommonSettings.TOPIC_PARTITIONS));
        assertEquals("/data/lake", config.get(CommonSettings.LAKE_ROOT));
        assertEquals(Map.of("bootstrap.servers", "127.0.0.1:9092", "security.protocol", "SASL_SSL"),
                config.kafkaClient());
    }

    @Test
    void aBadValueNamesTheVariableTheKeyAndWhatWasExpected() {
        Config config = Config.of(Map.of("TOPIC_PARTITIONS", "three"), Optional.empty());

        ConfigException e = assertThrows(ConfigException.class, () -> config.get(CommonSettings.TOPIC_PARTITIONS));

        assertTrue(e.getMessage().contains("TOPIC_PARTITIONS"), e.getMessage());
        assertTrue(e.getMessage().contains("topic.partitions"), e.getMessage());
        assertTrue(e.getMessage().contains("positive integer"), e.getMessage());
    }

    @Test
    void validationNamesEveryProblemOfTheFileAndTheEnvironmentAtOnce() throws Exception {
        Path file = dir.resolve("callsignal.properties");
        Files.writeString(file, "topic.partitons=12\nsink.http.port=8082\nkafka.client.security.protocol=SSL\n"
                + "kafka.client.processing.guarantee=at_least_once\nkafka.client.bootstrap.servers=x:9092\n"
                + "spark.sql.shuffle.partitions=8\nspark.hadoop.fs.s3a.endpoint=http://minio:9000\n");
        Config config = Config.of(Map.of("DEDUP_RETENTION", "a week"), Optional.of(file));

        ConfigException e = assertThrows(ConfigException.class, config::validated);

        assertTrue(e.getMessage().contains("unknown key topic.partitons (did you mean topic.partitions?)"), e.getMessage());
        assertTrue(e.getMessage().contains("kafka.client.processing.guarantee is set by callsignal itself"), e.getMessage());
        assertTrue(e.getMessage().contains("kafka.client.bootstrap.servers is set by callsignal itself and may not be"
                + " overridden (use kafka.bootstrap.servers)"), e.getMessage());
        assertTrue(e.getMessage().contains("DEDUP_RETENTION"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("sink.http.port"), "a file both apps share holds the other app's keys");
        assertFalse(e.getMessage().contains("security.protocol"), e.getMessage());
        assertTrue(e.getMessage().contains("spark.sql.shuffle.partitions is set by callsignal itself and may not be"
                + " overridden (use spark.shuffle.partitions)"), e.getMessage());
        assertFalse(e.getMessage().contains("s3a"), "a Spark setting of the user's own passes");
    }

    @Test
    void sparkKeysThatAreNoSettingPassToTheSparkSession() throws Exception {
        Path file = dir.resolve("callsignal.properties");
        Files.writeString(file, "spark.master=spark://spark-master:7077\nspark.shuffle.partitions=16\n"
                + "spark.hadoop.fs.s3a.endpoint=http://minio:9000\nspark.executor.memory=4g\n");
        Config config = Config.of(Map.of(), Optional.of(file)).validated();

        assertEquals(Map.of("spark.hadoop.fs.s3a.endpoint", "http://minio:9000", "spark.executor.memory", "4g"),
                config.sparkOverrides());
        assertEquals("spark://spark-master:7077", config.get(SinkSettings.SPARK_MASTER));
        assertEquals(16, config.get(SinkSettings.SPARK_SHUFFLE_PARTITIONS));
    }

    @Test
    void aValidConfigurationPassesValidation() throws Exception {
        Path file = dir.resolve("callsignal.properties");
        Files.writeString(file, "topic.partitions=12\nkafka.client.security.protocol=SSL\n");
        Config config = Config.of(Map.of("DEDUP_RETENTION", "3d", "UNRELATED_VARIABLE", "x"), Optional.of(file));

        assertEquals(config, config.validated());
    }

    @Test
    void aMissingFileIsAClearError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.of(Map.of(), Optional.of(dir.resolve("absent.properties"))));

        assertTrue(e.getMessage().contains("absent.properties"), e.getMessage());
    }

    @Test
    void durationsAndSizesReadTheWayOperatorsWriteThem() {
        assertEquals(Duration.ofDays(7), Setting.parseDuration("7d"));
        assertEquals(Duration.ofHours(168), Setting.parseDuration("168h"));
        assertEquals(Duration.ofMillis(500), Setting.parseDuration("500ms"));
        assertEquals(Duration.ofMinutes(5), Setting.parseDuration("PT5M"));
        assertEquals(10L << 20, Setting.parseSize("10MiB"));
        assertEquals(4096L, Setting.parseSize("4096"));
        assertThrows(IllegalArgumentException.class, () -> Setting.parseDuration("5 fortnights"));
    }
}
