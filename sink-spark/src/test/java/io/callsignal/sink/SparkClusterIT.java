package io.callsignal.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.testkit.BrokerProcess;
import io.callsignal.testkit.Events;
import io.callsignal.testkit.HandCheckedSet;
import io.callsignal.testkit.SinkFixture;
import io.callsignal.testkit.SparkStandalone;
import io.callsignal.testkit.WithBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink with a Spark standalone cluster for its master: the driver here, every task in an
 * executor JVM the cluster's Worker launched. The hand-checked set lands as it does in process; then the
 * sink's jar, submitted with spark-submit, reads it back.
 */
@ExtendWith(WithBroker.class)
class SparkClusterIT {

    @TempDir
    Path dir;

    @Test
    void theHandCheckedSetLandsWithExecutorsInTheirOwnJvms(BrokerProcess broker) throws Exception {
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"));
                SparkStandalone cluster = SparkStandalone.start(Path.of("target", "spark-cluster-it"))) {
            HandCheckedSet.Published published = HandCheckedSet.publish(fixture);
            // What a deployment's properties file holds for a cluster; the test's own classes go to
            // the executors too (the set's older signal schema is defined there).
            Path settings = dir.resolve("callsignal.properties");
            Files.writeString(settings, String.join("\n",
                    "spark.master=" + cluster.masterUrl(),
                    "spark.driver.host=127.0.0.1",
                    "spark.executor.memory=1g",
                    "spark.executor.extraJavaOptions=" + String.join(" ", SparkStandalone.moduleOptions()),
                    "spark.executor.extraClassPath=" + Path.of("target", "test-classes").toAbsolutePath()) + "\n");
            fixture.configFile(settings);

            // Other tests of this JVM leave an in-process session behind: this one must be the cluster's.
            SinkFixture.stopSparkSession();
            try {
                LakeCatalog lake = fixture.runSink(Events.withOlderSignalSchema());
                assertEquals(cluster.masterUrl(), lake.spark().sparkContext().master());

                HandCheckedSet.assertLanded(lake, published);
            } finally {
                SinkFixture.stopSparkSession();
            }

            // The sink's jar as a Spark application of its own: spark-submit to the same cluster, its
            // master the one spark-submit was given.
            SparkStandalone.Submitted sql = cluster.submit(fixture.environment(), Duration.ofMinutes(3),
                    "sql", "SELECT call_id FROM silver.conversations ORDER BY call_id", "--format", "csv");
            assertEquals(0, sql.exitCode(), Files.readString(sql.log()));
            assertEquals("call_id\nc1\nc2\nc3\n", sql.output());

            try (Stream<Path> applications = Files.list(cluster.workDir())) {
                List<Path> launched = applications.toList();
                assertEquals(2, launched.size(), "an application (executors) for each driver: " + launched);
            }
        }
    }
}
