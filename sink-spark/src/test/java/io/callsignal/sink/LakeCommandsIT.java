package io.callsignal.sink;

import static io.callsignal.testkit.Events.signal;
import static io.callsignal.testkit.HandCheckedSet.T3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.config.CommonSettings;
import io.callsignal.testkit.BrokerProcess;
import io.callsignal.testkit.Events;
import io.callsignal.testkit.HandCheckedSet;
import io.callsignal.testkit.SinkFixture;
import io.callsignal.testkit.WithBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The lake's commands, run as a user runs them, over a lake the sink filled from a real broker in two runs. */
@ExtendWith(WithBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // restore, then optimize and vacuum: each changes the history
class LakeCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    SinkFixture fixture;
    HandCheckedSet.Published published;
    String config;

    @BeforeAll
    void landTwice(BrokerProcess broker, @TempDir Path dir) throws Exception {
        fixture = SinkFixture.create(broker, dir.resolve("lake"));
        published = HandCheckedSet.publish(fixture);
        fixture.runSink(Events.withOlderSignalSchema());
        // Version 2 of the signals table: s1 re-evaluated; and a second file in bronze.
        fixture.send(CommonSettings.TOPIC_SIGNALS_RAW, null, "{}".getBytes(StandardCharsets.UTF_8));
        HandCheckedSet.sendSignal(fixture, signal("s1", "c1", "overall_score", "99", "score", 0.9, "v1", T3,
                Events.source("signals.raw", 0)));
        fixture.runSink(Events.withOlderSignalSchema());
        config = fixture.configFile().toString();
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    @Test
    void sqlPrintsATableCsvOrOneJsonObjectPerRow() {
        String query = "SELECT deal_id, calls, latest_overall_score FROM gold.deal_signal_summary ORDER BY deal_id";

        assertEquals("""
                deal_id | calls | latest_overall_score
                --------+-------+---------------------
                D1      | 2     | 85.0
                D2      | 1     | 90.0
                (2 rows)
                """, run("sql", query));
        assertEquals("deal_id,calls,latest_overall_score\nD1,2,85.0\nD2,1,90.0\n",
                run("sql", query, "--format", "csv").replace("\r\n", "\n"));
        assertEquals("""
                {"deal_id":"D1","calls":2,"latest_overall_score":85.0}
                {"deal_id":"D2","calls":1,"latest_overall_score":90.0}
                """, run("sql", query, "--format", "json"));
    }

    @Test
    void lineageLeadsFromASilverSignalToTheRawPayloadInBronze() throws Exception {
        JsonNode path = JSON.readTree(run("lineage", "--signal-id", "s2"));
        // s2 was landed from a made-up source; s1's first evaluation came from a real raw record.
        assertEquals("s2", path.at("/silver/row/signal_id").asText());
        assertTrue(path.at("/bronze/row").isNull(), "no bronze row at s2's made-up coordinates");

        JsonNode traced = JSON.readTree(run("lineage", "--call-id", "c1"));
        assertEquals("silver.conversations", traced.at("/silver/table").asText());
        assertEquals("kafka://conversations.raw/0/1", traced.at("/source/source_file").asText());

        SinkCommandLine missing = execute("lineage", "--signal-id", "no-such-signal");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("not in silver: signal_id no-such-signal"), missing.err());
    }

    @Test
    @Order(1)
    void historyTimeTravelAndRestore() throws Exception {
        List<JsonNode> history = run("history", "silver.conversation_signals", "--format", "json").lines()
                .map(LakeCommandsIT::parse).toList();
        // Auto compaction may add OPTIMIZE commits of its own (clustering the MERGEs' new files).
        assertEquals(List.of("MERGE", "MERGE", "CREATE TABLE"), history.stream().map(h -> h.get("operation").asText())
                .filter(operation -> !operation.equals("OPTIMIZE")).toList());

        String s1 = "SELECT signal_value FROM silver.conversation_signals%s WHERE signal_id = 's1'";
        assertEquals("{\"signal_value\":\"99\"}\n", run("sql", s1.formatted(""), "--format", "json"));
        assertEquals("{\"signal_value\":\"75\"}\n", run("sql", s1.formatted(" VERSION AS OF 1"), "--format", "json"));

        run("restore", "silver.conversation_signals", "--version", "1");

        assertEquals("{\"signal_value\":\"75\"}\n", run("sql", s1.formatted(""), "--format", "json"));
        assertEquals("RESTORE", parse(run("history", "silver.conversation_signals", "--format", "json").lines()
                .findFirst().orElseThrow()).get("operation").asText());
    }

    @Test
    @Order(2)
    void optimizeCompactsFilesAndVacuumKeepsTheCurrentVersionReadable() {
        LakeCatalog lake = fixture.lake();
        long bronzeFiles = files(lake, "bronze.signals_raw");
        assertTrue(bronzeFiles > 1, "each run that brought raw signals added a file");

        String report = run("maintenance", "optimize");

        assertTrue(report.contains("silver.conversations: "), report);
        assertEquals(1, files(lake, "bronze.signals_raw"));
        assertEquals(1, files(lake, "silver.conversation_signals"));

        SparkSession.active().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        try {
            assertTrue(run("maintenance", "vacuum", "--retain", "0h").contains("bronze.signals_raw: vacuumed"));
        } finally {
            SparkSession.active().conf().unset("spark.databricks.delta.retentionDurationCheck.enabled");
        }
        assertEquals(published.rawSignals() + 1L, lake.spark().table("bronze.signals_raw").count());
    }

    @Test
    void anUnknownTableIsAClearError() {
        SinkCommandLine result = execute("history", "silver.nope");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("no table 'silver.nope'; the lake has bronze.conversations_raw"),
                result.err());
    }

    @Test
    void aLakeRootWithNoLakeIsAClearErrorAndStaysEmpty(@TempDir Path elsewhere) throws Exception {
        Path missing = elsewhere.resolve("typo");
        Path file = elsewhere.resolve("typo.properties");
        Files.writeString(file, Files.readString(Path.of(config)).replaceAll("(?m)^lake\\.root=.*$",
                "lake.root=" + missing.toString().replace("\\", "/")));
        for (String[] command : List.of(new String[] {"sql", "SELECT 1"}, new String[] {"history", "silver.conversations"},
                new String[] {"report"}, new String[] {"lineage", "--call-id", "c-1"},
                new String[] {"maintenance", "optimize"})) {
            SinkCommandLine result = SinkCommandLine.execute(file.toString(), command);

            assertEquals(2, result.exitCode(), command[0] + ": " + result.err());
            assertTrue(result.err().contains("no lake at LAKE_ROOT " + missing + ": no table has landed there"),
                    command[0] + ": " + result.err());
        }
        assertFalse(Files.exists(missing), "a mistyped LAKE_ROOT must not become a new lake");
    }

    private static long files(LakeCatalog lake, String table) {
        return lake.spark().sql("DESCRIBE DETAIL " + table).head().<Long>getAs("numFiles");
    }

    private SinkCommandLine execute(String... args) {
        return SinkCommandLine.execute(config, args);
    }

    private String run(String... args) {
        SinkCommandLine result = execute(args);
        assertEquals(0, result.exitCode(), result.err());
        return result.out();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
