package io.callsignal.sink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.catalog.SideBySide;
import io.callsignal.testkit.GovernedEndpoint;
import io.callsignal.testkit.WithGovernedEndpoint;
import io.callsignal.testkit.Launcher;
import io.callsignal.testkit.SinkJar;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo's policy enforced through the SQL endpoint over JDBC, as a BI tool connects: every role
 * against every table read and each schema written; rows and masked values per role against the truth; bypass
 * attempts denied and audited; a wrong password refused. Alice is the rep on c1 and c2, carol is on
 * c3 and in manager1's team.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(WithGovernedEndpoint.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GovernanceIT {

    private static final List<String> USERS = List.of("admin", "engineer1", "analyst1", "manager1", "rep1");
    private static final Set<String> REP_TABLES = Set.of("silver.conversations", "silver.conversation_signals",
            "gold.rep_monthly_scores", "gold.deal_signal_summary", "gold.deal_predictions");

    private static final Path LOGS = Path.of("target", "governance-it");
    private static final String KEYSTORE_PASSWORD = "test-only-keystore-password";

    GovernedEndpoint governed;
    LakeCatalog lake;
    String config;
    SinkJar.Running endpoint;
    String plainUrl;
    String url;

    @BeforeAll
    void serve(GovernedEndpoint shared) {
        governed = shared;
        lake = governed.lake();
        config = governed.config();
        endpoint = governed.serve();
        // A client that talks plain text to a TLS port must fail, not wait.
        DriverManager.setLoginTimeout(30);
        plainUrl = "jdbc:hive2://127.0.0.1:" + governed.sqlPort() + "/default";
        url = plainUrl + ";ssl=true;sslTrustStore=" + governed.keystore() + ";trustStorePassword="
                + GovernedEndpoint.KEYSTORE_PASSWORD;
    }

    @Test
    void everyRoleReadsAndWritesExactlyWhatItIsGranted() {
        // The users' sessions side by side, as the endpoint serves them.
        List<String> wrong = SideBySide.map(USERS, this::wronglyGranted).stream().flatMap(List::stream).toList();
        assertEquals(List.of(), wrong);
    }

    /** What the user could do and may not, or could not and may, on every table. */
    private List<String> wronglyGranted(String user) {
        List<String> wrong = new ArrayList<>();
        try (Connection connection = connect(user)) {
            for (LakeTable table : LakeTable.values()) {
                String name = table.qualifiedName();
                boolean read = succeeds(connection, "SELECT count(*) FROM " + name);
                if (read != mayRead(user, name)) {
                    wrong.add(user + (read ? " read " : " could not read ") + name);
                }
                // Writes are granted by schema: the first table of each stands for the rest (an allowed
                // write commits, which costs a second a table).
                if (!firstOfItsSchema(table)) {
                    continue;
                }
                boolean wrote = succeeds(connection, "INSERT INTO " + name + " SELECT * FROM " + name + " WHERE false");
                if (wrote != mayWrite(user, name)) {
                    wrong.add(user + (wrote ? " wrote " : " could not write ") + name);
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(user + " could not connect", e);
        }
        return wrong;
    }

    @Test
    void rowFiltersAndMasksGiveEachRoleItsShareOfTheTruth() throws SQLException {
        String calls = "SELECT call_id, transcript_text, participants[0].email FROM silver.conversations ORDER BY call_id";
        assertEquals(List.of("c1|null|***@acme.com", "c2|null|***@acme.com"), rows("rep1", calls));
        assertEquals(List.of("c3|null|***@acme.com"), rows("manager1", calls));
        List<String> all = rows("admin", "SELECT call_id FROM silver.conversations ORDER BY call_id");
        assertEquals(all, rows("engineer1", "SELECT call_id FROM silver.conversations ORDER BY call_id"));
        assertTrue(rows("admin", calls).stream().noneMatch(row -> row.contains("***")));

        assertEquals(rows("admin", "SELECT DISTINCT call_id FROM silver.conversation_signals"
                        + " WHERE call_id IN ('c1', 'c2') ORDER BY call_id"),
                rows("rep1", "SELECT DISTINCT call_id FROM silver.conversation_signals ORDER BY call_id"));
        assertEquals(List.of("alice@acme.com"), rows("rep1", "SELECT DISTINCT rep_email FROM gold.rep_monthly_scores"));
        List<String> pseudonyms = rows("analyst1", "SELECT DISTINCT rep_email FROM gold.rep_monthly_scores");
        assertEquals(rows("admin", "SELECT count(DISTINCT rep_email) FROM gold.rep_monthly_scores"),
                List.of(String.valueOf(pseudonyms.size())));
        assertTrue(pseudonyms.stream().allMatch(p -> p.matches("[0-9a-f]{16}")), pseudonyms.toString());
        // Filters and masks hold however the table is reached.
        String root = lake.location(LakeTable.SILVER_CONVERSATIONS).replace("/silver/conversations", "");
        assertEquals(List.of("2"), rows("rep1", "SELECT count(*) FROM delta.`" + root + "/silver/conversations`"));
        assertEquals(List.of("2"), rows("rep1", "WITH c AS (SELECT * FROM silver.conversations) SELECT count(*) FROM c"));
        long version = lake.spark().sql("DESCRIBE HISTORY silver.conversations").head().getLong(0);
        assertEquals(List.of("null"), rows("rep1", "SELECT max(transcript_text) FROM silver.conversations"
                + " VERSION AS OF " + version));
    }

    @Test
    void bypassAttemptsAreDeniedAndAudited() throws SQLException {
        String root = lake.location(LakeTable.SILVER_CONVERSATIONS).replace("/silver/conversations", "");
        List<String> attempts = List.of(
                "SELECT * FROM silver.quarantine",
                "WITH q AS (SELECT * FROM silver.quarantine) SELECT count(*) FROM q",
                "SELECT call_id FROM silver.conversations WHERE call_id IN (SELECT entity FROM silver.quarantine)",
                "SELECT call_id FROM silver.conversations UNION ALL SELECT entity FROM silver.quarantine",
                "SELECT * FROM silver.conversations c JOIN bronze.conversations_raw b ON true",
                "SELECT * FROM delta.`" + root + "/silver/quarantine`",
                "SELECT * FROM parquet.`" + root + "/silver/conversations`",
                "SELECT * FROM json.`" + root + "/silver/conversations/_delta_log`",
                "SELECT * FROM silver.quarantine VERSION AS OF 0",
                "DESCRIBE HISTORY silver.quarantine",
                "RESTORE TABLE silver.conversations TO VERSION AS OF 0",
                "OPTIMIZE silver.conversations",
                "DELETE FROM silver.conversations",
                "CREATE TABLE silver.mine (x INT) USING delta",
                "DROP TABLE silver.conversations",
                "SET spark.sql.catalog.mine=org.apache.spark.sql.execution.datasources.v2.jdbc.JDBCTableCatalog",
                "ADD JAR /tmp/anything.jar",
                "SELECT * FROM system.audit",
                "SELECT * FROM gold.deal_features");
        List<String> allowed = new ArrayList<>();
        try (Connection connection = connect("rep1")) {
            for (String attempt : attempts) {
                if (succeeds(connection, attempt)) {
                    allowed.add(attempt);
                }
            }
        }
        assertEquals(List.of(), allowed);
        // The endpoint writes its audit records every second.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> audited = rows("admin", "SELECT statement FROM system.audit"
                    + " WHERE principal = 'rep1' AND decision = 'DENIED' AND way_in = 'endpoint'");
            assertEquals(List.of(), attempts.stream().filter(a -> !audited.contains(a)).toList());
        });
        // What a session is allowed is audited too, with the rows it returned.
        assertEquals(List.of("2"), rows("rep1", "SELECT count(*) AS audited_read FROM silver.conversations"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(List.of("1"), rows("admin",
                "SELECT rows FROM system.audit WHERE principal = 'rep1' AND decision = 'ALLOWED'"
                        + " AND way_in = 'endpoint' AND statement LIKE '%audited_read%'")));
        assertThrows(SQLException.class, () -> rows("analyst1", "SELECT * FROM system.audit"));
        // The model's function is a read of gold.deal_predictions, filtered like it: rep1 gets her deal's
        // prediction and nobody else's, analysts every deal's.
        assertEquals(List.of("0.42|null"), rows("rep1", "SELECT predict_deal_outcome('D1'), predict_deal_outcome('D2')"));
        assertEquals(List.of("0.42"), rows("analyst1", "SELECT predict_deal_outcome('D1')"));
    }

    @Test
    void theSqlCommandRunsAsItsUserAndIsAudited() {
        SinkCommandLine denied = SinkCommandLine.execute(config, "sql", "--user", "rep1", "SELECT * FROM silver.quarantine");
        assertEquals(SqlCommand.DENIED, denied.exitCode(), denied.err());
        assertTrue(denied.err().contains("access denied: rep1 lacks SELECT on silver.quarantine"), denied.err());
        SinkCommandLine mine = SinkCommandLine.execute(config, "sql", "--user", "rep1", "--format", "csv",
                "SELECT count(*) AS calls FROM silver.conversations");
        assertEquals("calls\n2\n", mine.out().replace("\r\n", "\n"), mine.err());
        SinkCommandLine unknown = SinkCommandLine.execute(config, "sql", "--user", "mallory", "SELECT 1");
        assertEquals(SqlCommand.DENIED, unknown.exitCode(), unknown.err());
        SinkCommandLine audit = SinkCommandLine.execute(config, "sql", "--format", "csv", "SELECT principal, decision,"
                + " rows FROM system.audit WHERE way_in = 'sql' AND principal IN ('rep1', 'mallory') ORDER BY event_time");
        assertEquals("principal,decision,rows\nrep1,DENIED,\nrep1,ALLOWED,1\nmallory,DENIED,\n",
                audit.out().replace("\r\n", "\n"), audit.err());
    }

    /** Last: stops the endpoint, then reads a view created through it from another process. */
    @Test
    @Order(Integer.MAX_VALUE)
    void viewsOutliveTheEndpointInTheLakesMetastoreAndRunWithTheReadersRights() throws Exception {
        try (Connection connection = connect("admin"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE VIEW gold.call_ids AS SELECT call_id FROM silver.conversations");
        }
        assertEquals(List.of("c1", "c2", "c3"), rows("admin", "SELECT * FROM gold.call_ids ORDER BY call_id"));
        // analyst1 may read gold, but the view's body reads silver.
        assertThrows(SQLException.class, () -> rows("analyst1", "SELECT * FROM gold.call_ids"));

        endpoint.close();
        assertTrue(endpoint.output().contains("stopping the SQL endpoint"), endpoint.output());
        Launcher.Result read = SinkJar.run(LOGS.resolve("sql.log"), Duration.ofMinutes(3), "sql", "--config", config,
                "--format", "csv", "SELECT * FROM gold.call_ids ORDER BY call_id");
        assertEquals(0, read.exitCode(), read.output());
        // It had the metastore to itself: the endpoint let go of it when it stopped.
        assertFalse(read.output().contains("has the lake's metastore open"), read.output());
        assertTrue(read.output().contains("call_id\nc1\nc2\nc3\n"), read.output());
    }

    @Test
    void theEndpointRefusesAWrongPasswordAnotherUsersNameAndPlainText() {
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "admin", "demo-rep1").close());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(plainUrl, "admin", "demo-admin").close());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "nobody", "").close());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url + ";hive.server2.proxy.user=admin",
                "rep1", "demo-rep1").createStatement().executeQuery("SELECT * FROM silver.quarantine"));
    }

    private static boolean mayRead(String user, String table) {
        return switch (user) {
            case "admin" -> true;
            case "engineer1" -> !table.startsWith("system.") && !table.startsWith("ml.");
            case "analyst1" -> table.startsWith("gold.");
            default -> REP_TABLES.contains(table);
        };
    }

    private static boolean firstOfItsSchema(LakeTable table) {
        return Arrays.stream(LakeTable.values()).filter(t -> t.layer().equals(table.layer())).findFirst().orElseThrow()
                == table;
    }

    private static boolean mayWrite(String user, String table) {
        return Map.of("admin", true, "engineer1", table.startsWith("bronze.") || table.startsWith("silver."))
                .getOrDefault(user, false);
    }

    private Connection connect(String user) throws SQLException {
        return DriverManager.getConnection(url, user, "demo-" + user);
    }

    private static boolean succeeds(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return true;
        } catch (SQLException e) {
            if (!e.getMessage().contains("access denied")) {
                throw new AssertionError(sql + " failed for another reason than governance", e);
            }
            return false;
        }
    }

    private List<String> rows(String user, String sql) throws SQLException {
        try (Connection connection = connect(user); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    cells.add(String.valueOf(result.getString(i)));
                }
                rows.add(String.join("|", cells));
            }
            return rows;
        }
    }
}
