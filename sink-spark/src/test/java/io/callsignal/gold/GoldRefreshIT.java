package io.callsignal.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.Config;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DoubleType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold kept up to date from silver's change feed: after calls move between deals and months, signals
 * are added and re-evaluated, a deal closes and a call goes, each gold table rewrites only the rows
 * of what changed, and holds exactly what a build from scratch gives. It is rebuilt when the feed
 * cannot say what changed, or when much did; a refresh with nothing new, or after an OPTIMIZE of
 * gold, writes nothing.
 */
@TestMethodOrder(OrderAnnotation.class)
class GoldRefreshIT {

    private static final String SIGNAL_COLUMNS =
            "(signal_id, call_id, signal_name, signal_value, signal_type, confidence, scoring_version, evaluated_at)";

    @TempDir
    static Path dir;
    private static LakeCatalog lake;

    /** 400 calls of three reps over two months in ten deals (deal-9 has one call), four signals each; gold built. */
    @BeforeAll
    static void buildGold() {
        lake = LakeCatalog.open(LakeSession.open(config()), config());
        sql("""
                INSERT INTO silver.conversations (call_id, source_platform, call_timestamp, participants, deal_id)
                SELECT concat('call-', id), 'gong', TIMESTAMP '2026-08-10 10:00:00' + make_dt_interval(CAST(id % 2 * 31 AS INT)),
                    array(named_struct('name', 'Rep', 'email', concat('Rep', id % 3, '@acme.example'), 'role', 'rep'),
                        named_struct('name', 'Sam', 'email', 'sam@prospect.example', 'role', 'prospect')),
                    IF(id = 399, 'deal-9', concat('deal-', id % 9))
                FROM range(400)""");
        sql("INSERT INTO silver.conversation_signals " + SIGNAL_COLUMNS + """
                 SELECT concat('sig-', id), concat('call-', id DIV 4),
                    element_at(array('overall_score', 'talk_ratio', 'next_steps_agreed', 'pricing_objection'),
                        CAST(id % 4 AS INT) + 1),
                    CASE id % 4 WHEN 0 THEN CAST(4 + id % 6 AS STRING) WHEN 1 THEN '0.5'
                        ELSE IF(id % 3 = 0, 'true', 'false') END,
                    IF(id % 4 < 2, 'score', 'boolean'), 0.8, IF(id % 8 = 0, 'v2', 'v1'), TIMESTAMP '2026-08-11 10:00:00'
                FROM range(1600)""");
        sql("""
                INSERT INTO silver.deal_outcomes (deal_id, source_system, stage, is_closed, is_won, updated_at)
                SELECT concat('deal-', id), 'hubspot', 'open', false, false, TIMESTAMP '2026-08-01 00:00:00' FROM range(10)""");
        assertEquals(GoldRefresh.TABLES, GoldRefresh.refresh(lake, config()));
    }

    @Test
    @Order(1)
    void changesRewriteOnlyTheRowsTheyTouch() {
        // call-1 moves to deal-2, call-4 to a month later.
        sql("UPDATE silver.conversations SET deal_id = IF(call_id = 'call-1', 'deal-2', deal_id), call_timestamp ="
                + " IF(call_id = 'call-4', call_timestamp + INTERVAL 40 DAYS, call_timestamp) WHERE call_id IN ('call-1', 'call-4')");
        sql("INSERT INTO silver.conversation_signals " + SIGNAL_COLUMNS
                + " VALUES ('sig-new', 'call-7', 'overall_score', '9.5', 'score', 0.9, 'v2', TIMESTAMP '2026-09-01 00:00:00')");
        sql("UPDATE silver.conversation_signals SET signal_value = '2', evaluated_at = TIMESTAMP '2026-09-02 00:00:00'"
                + " WHERE signal_id = 'sig-36'");
        sql("UPDATE silver.deal_outcomes SET is_closed = true, is_won = true, close_date = DATE '2026-08-20'"
                + " WHERE deal_id = 'deal-4'");
        sql("DELETE FROM silver.conversations WHERE call_id = 'call-399'");

        assertEquals(GoldRefresh.TABLES, GoldRefresh.refresh(lake, config()));

        // Calls 1, 4, 7, 9 changed and 399 went; their deals now and before: 0, 1, 2, 4, 7 and 9, which has no call left.
        assertEquals(4, rowsWritten(LakeTable.GOLD_CALL_SIGNAL_PIVOT));
        assertEquals(5, rowsWritten(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY));
        assertEquals(6, rowsWritten(LakeTable.GOLD_DEAL_FEATURES), "deal-9's outcome is still there, with no call");
        assertTrue(rowsWritten(LakeTable.GOLD_REP_MONTHLY_SCORES) > 0);
        for (LakeTable gold : GoldRefresh.TABLES) {
            assertTrue(lastWrite(gold).getJavaMap(1).containsKey("predicate"), gold + " replaced the changed keys' rows");
            assertAsBuiltFromScratch(gold);
        }
        assertEquals(0, count("SELECT * FROM gold.deal_signal_summary WHERE deal_id = 'deal-9'"));
        assertEquals(List.of(), GoldRefresh.refresh(lake, config()), "nothing changed since");
    }

    @Test
    @Order(2)
    void aChangeToOneTableIsPlacedByTheOthers() {
        // A re-evaluation alone: its call's deal and month come from silver.conversations as it is.
        sql("UPDATE silver.conversation_signals SET signal_value = '8', evaluated_at = TIMESTAMP '2026-09-03 00:00:00'"
                + " WHERE signal_id = 'sig-52'");
        assertEquals(GoldRefresh.TABLES, GoldRefresh.refresh(lake, config()));
        assertEquals(1, rowsWritten(LakeTable.GOLD_CALL_SIGNAL_PIVOT));
        assertEquals(1, rowsWritten(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY));
        // A deal's outcome alone: the deal's rows; no call's or month's.
        sql("UPDATE silver.deal_outcomes SET is_closed = true, is_won = false, close_date = DATE '2026-09-01'"
                + " WHERE deal_id = 'deal-5'");
        assertEquals(List.of(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY, LakeTable.GOLD_DEAL_FEATURES),
                GoldRefresh.refresh(lake, config()));
        assertEquals(1, rowsWritten(LakeTable.GOLD_DEAL_FEATURES));
        assertEquals(List.of(), GoldRefresh.refresh(lake, config()), "no call changed since the pivot's last write");
        assertAsBuiltFromScratch(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY);
        assertAsBuiltFromScratch(LakeTable.GOLD_DEAL_FEATURES);
    }

    @Test
    @Order(3)
    void anOptimizeOfGoldIsNotAChangeToRefresh() {
        sql("OPTIMIZE gold.call_signal_pivot");
        assertEquals("OPTIMIZE", DeltaTable.forName(lake.spark(), "gold.call_signal_pivot").history(1).head().getString(4));
        assertEquals(List.of(), GoldRefresh.refresh(lake, config()));
    }

    @Test
    @Order(4)
    void whenTheFeedCannotSayOrMuchChangedGoldIsRebuilt() {
        sql("ALTER TABLE silver.conversation_signals SET TBLPROPERTIES ('delta.enableChangeDataFeed' = 'false')");
        sql("UPDATE silver.conversation_signals SET signal_value = '3' WHERE signal_id = 'sig-40'");
        sql("ALTER TABLE silver.conversation_signals SET TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')");
        assertEquals(GoldRefresh.TABLES, GoldRefresh.refresh(lake, config()));
        for (LakeTable gold : GoldRefresh.TABLES) {
            assertFalse(lastWrite(gold).getJavaMap(1).containsKey("predicate"), gold + " rebuilt: the feed has a gap");
        }
        assertAsBuiltFromScratch(LakeTable.GOLD_CALL_SIGNAL_PIVOT);

        sql("UPDATE silver.conversations SET deal_id = 'deal-3' WHERE call_id IN ('call-10', 'call-11', 'call-12',"
                + " 'call-13', 'call-14', 'call-15', 'call-16', 'call-17', 'call-18', 'call-19', 'call-20')");
        assertEquals(GoldRefresh.TABLES, GoldRefresh.refresh(lake, config()));
        for (LakeTable gold : GoldRefresh.TABLES) {
            assertFalse(lastWrite(gold).getJavaMap(1).containsKey("predicate"), gold + " rebuilt: 11 of 399 calls changed");
        }
        assertAsBuiltFromScratch(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY);
    }

    /** The table holds what its query gives on silver now (doubles to 9 places: sums in another order). */
    private static void assertAsBuiltFromScratch(LakeTable gold) {
        assertEquals(sorted(lake.spark().sql(GoldRefresh.query(gold, config()))), sorted(lake.spark().table(gold.qualifiedName())),
                gold.qualifiedName());
    }

    private static List<String> sorted(Dataset<Row> rows) {
        Column[] columns = Arrays.stream(rows.schema().fields())
                .map(f -> f.dataType() instanceof DoubleType ? round(col(f.name()), 9).as(f.name()) : col(f.name()))
                .toArray(Column[]::new);
        return rows.select(columns).toJSON().collectAsList().stream().sorted().toList();
    }

    /** The newest write's operationMetrics and operationParameters. */
    private static Row lastWrite(LakeTable gold) {
        return DeltaTable.forName(lake.spark(), gold.qualifiedName()).history(1)
                .select("operationMetrics", "operationParameters").head();
    }

    /** Rows the newest write computed: those it wrote less those it copied from the files it replaced. */
    private static long rowsWritten(LakeTable gold) {
        Map<String, String> metrics = lastWrite(gold).getJavaMap(0);
        return Long.parseLong(metrics.getOrDefault("numOutputRows", "0")) - Long.parseLong(metrics.getOrDefault("numCopiedRows", "0"));
    }

    private static long count(String query) {
        return lake.spark().sql(query).count();
    }

    private static void sql(String statement) {
        lake.spark().sql(statement);
    }

    private static Config config() {
        return Config.of(Map.of("LAKE_ROOT", dir.resolve("lake").toString()), Optional.empty());
    }
}
