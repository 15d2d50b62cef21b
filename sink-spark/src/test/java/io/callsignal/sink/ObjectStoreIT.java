package io.callsignal.sink;

import static io.callsignal.testkit.SinkFixture.contents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.SinkSettings;
import io.callsignal.testkit.BrokerProcess;
import io.callsignal.testkit.Events;
import io.callsignal.testkit.HandCheckedSet;
import io.callsignal.testkit.KernelReader;
import io.callsignal.testkit.S3Server;
import io.callsignal.testkit.SinkFixture;
import io.callsignal.testkit.WithBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake on an S3-compatible server: tables and the flows' checkpoints on s3a://, configured as a
 * deployment configures it (spark.hadoop.fs.s3a.* in the properties file, credentials from AWS's
 * default provider chain, none in the file).
 */
@ExtendWith(WithBroker.class)
class ObjectStoreIT {

    private static final String LAKE = "s3a://lake/callsignal";

    @TempDir
    Path dir;

    @BeforeEach
    void credentialsFromTheDefaultChain() {
        // The chain's system-property link; in a pod, IRSA or workload identity.
        System.setProperty("aws.accessKeyId", "object-store-it");
        System.setProperty("aws.secretKey", "object-store-it-secret");
        SinkFixture.stopSparkSession();
    }

    @AfterEach
    void forgetTheStore() {
        SinkFixture.stopSparkSession();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretKey");
    }

    @Test
    void everyTableAndCheckpointOnS3ReplaysAndReadsBackInAnotherEngine(BrokerProcess broker) throws Exception {
        try (S3Server s3 = S3Server.start(dir.resolve("s3"), "lake");
                SinkFixture fixture = SinkFixture.create(broker, dir.resolve("local-lake"))) {
            fixture.set(CommonSettings.LAKE_ROOT, LAKE);
            Path settings = dir.resolve("callsignal.properties");
            Files.writeString(settings, String.join("\n",
                    "spark.hadoop.fs.s3a.endpoint=" + s3.endpoint(),
                    "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
                    "spark.hadoop.fs.s3a.path.style.access=true")
                    + "\n");
            fixture.configFile(settings);
            // Due at every run after the first, which starts the clock: the replay below maintains too.
            fixture.set(SinkSettings.SINK_MAINTENANCE_EVERY, "1ms");
            HandCheckedSet.Published published = HandCheckedSet.publish(fixture);

            LakeCatalog lake = fixture.runSink(Events.withOlderSignalSchema());

            HandCheckedSet.assertLanded(lake, published);
            FileSystem s3a = new org.apache.hadoop.fs.Path(LAKE).getFileSystem(
                    lake.spark().sparkContext().hadoopConfiguration());
            for (LakeTable table : LakeTable.values()) {
                assertTrue(s3a.exists(new org.apache.hadoop.fs.Path(lake.location(table) + "/_delta_log")),
                        table.qualifiedName() + " on S3");
            }
            assertTrue(s3a.listStatus(new org.apache.hadoop.fs.Path(LAKE + "/_checkpoints")).length >= 5,
                    "every flow's checkpoint on S3");
            assertFalse(Files.exists(dir.resolve("local-lake")), "nothing on the local disk");
            Set<String> maintenance = Set.of("OPTIMIZE", "OPTIMIZE (auto)", "VACUUM START", "VACUUM END");
            Set<String> firstRun = operationsAfter(lake, Map.of(LakeTable.SILVER_CONVERSATIONS, -1L));
            assertTrue(Collections.disjoint(Set.of("OPTIMIZE", "VACUUM END"), firstRun),
                    "the first run only starts the maintenance clock: " + firstRun);

            // Beside a running sink, no second driver may write (S3's default log store): writers refuse.
            String cli = fixture.configFile().toString();
            for (String[] writer : List.of(new String[] {"maintenance", "optimize"},
                    new String[] {"restore", "silver.conversations", "--version", "1"})) {
                SinkCommandLine refused = SinkCommandLine.execute(cli, writer);
                assertEquals(2, refused.exitCode(), refused.err());
                assertTrue(refused.err().contains("Stop the sink and run this again with --sink-stopped"),
                        refused.err());
            }

            // A replayed batch: each flow lands its last batch again. The run's only commits are the
            // sink's own maintenance, due now, and no table's rows change.
            Map<LakeTable, Long> versions = fixture.versions(lake);
            Map<LakeTable, List<String>> tables = Stream.of(LakeTable.values())
                    .collect(Collectors.toMap(t -> t, t -> contents(lake, t)));
            fixture.forgetLastCheckpointCommits(lake);
            fixture.runSink(Events.withOlderSignalSchema());
            Set<String> operations = operationsAfter(lake, versions);
            assertTrue(operations.contains("OPTIMIZE"), "the sink maintained the tables: " + operations);
            assertTrue(maintenance.containsAll(operations), "nothing but maintenance: " + operations);
            tables.forEach((table, rows) -> assertEquals(rows, contents(lake, table), table.qualifiedName()));

            // Once stopped, the operator may write: maintenance by hand.
            SinkCommandLine optimize = SinkCommandLine.execute(cli, "maintenance", "optimize", "--sink-stopped");
            assertEquals(0, optimize.exitCode(), optimize.err());

            KernelReader.assertEveryTableReadsAsSpark(lake);
        }
    }

    /**
     * The operations committed to each table after its version in {@code since}; Delta's auto
     * compaction, also an OPTIMIZE in the history, as "OPTIMIZE (auto)".
     */
    private static Set<String> operationsAfter(LakeCatalog lake, Map<LakeTable, Long> since) {
        Set<String> operations = new TreeSet<>();
        since.forEach((table, version) -> DeltaTable.forName(lake.spark(), table.qualifiedName()).history()
                .where("version > " + version)
                .selectExpr("operation || IF(operationParameters['auto'] = 'true', ' (auto)', '')").collectAsList()
                .forEach(row -> operations.add(row.getString(0))));
        return operations;
    }
}
