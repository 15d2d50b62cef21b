package io.callsignal.catalog;

import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.spark.sql.types.StructField;

/**
 * Every table of the lake: its catalog name and, for the tables the sink writes row by row, its
 * columns. Gold tables take their columns from their query (src/main/resources/gold/NAME.sql).
 * docs/lake.md describes each.
 */
public enum LakeTable {
    BRONZE_CONVERSATIONS("bronze", "conversations_raw", Columns.BRONZE),
    BRONZE_SIGNALS("bronze", "signals_raw", Columns.BRONZE),
    BRONZE_DEALS("bronze", "deals_raw", Columns.BRONZE),
    /** Each call, each column from the newest raw unit that set it (silver/conversations.batch.sql). */
    SILVER_CONVERSATIONS("silver", "conversations", Columns.silver(Conversation.getClassSchema(), Columns.COLUMN_VERSIONS)),
    SILVER_SIGNALS("silver", "conversation_signals", Columns.silver(Signal.getClassSchema())),
    /** Each CRM deal's state, each column from the newest change that set it (silver/deals.batch.sql). */
    SILVER_DEAL_OUTCOMES("silver", "deal_outcomes", Columns.silver(Deal.getClassSchema(), Columns.COLUMN_VERSIONS)),
    SILVER_QUARANTINE("silver", "quarantine", """
            entity STRING, reason STRING, field STRING, detail STRING, source_topic STRING, source_partition INT,
            source_offset BIGINT, source_timestamp TIMESTAMP, `index` INT, key STRING, key_base64 STRING,
            payload STRING, payload_base64 STRING, payload_in STRING, headers ARRAY<STRUCT<key: STRING, value: STRING>>,
            quarantined_at TIMESTAMP,
            quarantined_by STRING, _source_file STRING"""),
    GOLD_DEAL_SIGNAL_SUMMARY("gold", "deal_signal_summary", null),
    GOLD_REP_MONTHLY_SCORES("gold", "rep_monthly_scores", null),
    GOLD_CALL_SIGNAL_PIVOT("gold", "call_signal_pivot", null),
    /** Per deal, the model's features as of its close (or now, while open): docs/model.md. */
    GOLD_DEAL_FEATURES("gold", "deal_features", null),
    /** The champion model's win probability per deal, from its current features; the model writes it. */
    GOLD_DEAL_PREDICTIONS("gold", "deal_predictions", """
            deal_id STRING NOT NULL, win_probability DOUBLE, model_version INT, features_as_of TIMESTAMP"""),
    /** Every training run of the deal-outcome model: what it read, its parameters and metrics. */
    ML_RUNS("ml", "runs", """
            run_id STRING NOT NULL, model STRING, started_at TIMESTAMP, duration_ms BIGINT, seed BIGINT,
            params MAP<STRING, STRING>, metrics MAP<STRING, DOUBLE>, train_deals BIGINT, test_deals BIGINT,
            split_date DATE, inputs MAP<STRING, BIGINT>, model_version INT"""),
    /** The registered models: a version per training run's best, and the alias `champion` on one. */
    ML_MODELS("ml", "models", """
            version INT NOT NULL, run_id STRING, model STRING, metrics MAP<STRING, DOUBLE>, path STRING,
            registered_at TIMESTAMP, alias STRING"""),
    /** Every statement through a way in (docs/governance.md); only governance writes it. */
    SYSTEM_AUDIT("system", "audit", """
            event_time TIMESTAMP, principal STRING, way_in STRING, statement STRING, tables ARRAY<STRING>,
            columns ARRAY<STRING>, decision STRING, reason STRING, rows BIGINT"""),
    /** Who manages which rep: loaded from the HR system or CRM, read by the managers' row filters. */
    SYSTEM_TEAM_MEMBERS("system", "team_members", "manager_email STRING NOT NULL, rep_email STRING NOT NULL");

    private final String layer;
    private final String table;
    private final String columns;

    LakeTable(String layer, String table, String columns) {
        this.layer = layer;
        this.table = table;
        this.columns = columns;
    }

    public String layer() {
        return layer;
    }

    public String table() {
        return table;
    }

    /** The name in the Spark catalog, e.g. {@code silver.conversations}. */
    public String qualifiedName() {
        return layer + "." + table;
    }

    /** Bronze, quarantine, the audit log and the model's runs keep history as it arrived: Delta refuses updates and deletes to them. */
    public boolean appendOnly() {
        return layer.equals("bronze") || this == SILVER_QUARANTINE || this == SYSTEM_AUDIT || this == ML_RUNS;
    }

    /**
     * The columns a table is clustered by (liquid clustering): the key its MERGE matches on, so a
     * batch's MERGE reads only the files that may hold its keys. Signals go by call_id, which their
     * MERGE also matches on (a signal belongs to its call), so a call's signals sit together.
     */
    public List<String> clusteredBy() {
        return switch (this) {
            case SILVER_CONVERSATIONS, SILVER_SIGNALS -> List.of("call_id");
            case SILVER_DEAL_OUTCOMES -> List.of("deal_id");
            default -> List.of();
        };
    }

    /**
     * The columns a table is partitioned by. The quarantine goes by source topic: each of the
     * flows that write it reads topics of its own, and names its topics in its MERGE, so their
     * commits touch disjoint partitions and Delta does not fail one for the other's (without this,
     * a batch that refuses records while another flow's batch does is written twice). Delta cannot
     * partition a table in place: an earlier release's quarantine keeps working, with those retries.
     */
    public List<String> partitionedBy() {
        return this == SILVER_QUARANTINE ? List.of("source_topic") : List.of();
    }

    /**
     * The Delta properties the sink keeps on a table it writes row by row. Deletion vectors let a
     * MERGE mark the rows it replaces instead of copying the rest of their files; auto compaction
     * folds the small files each micro-batch leaves into larger ones after the commit that made
     * enough of them, so a table's file count grows with its data, not with the number of batches.
     * The tables gold is made from keep their change feed.
     */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (columns == null) {
            return properties;
        }
        if (appendOnly()) {
            properties.put("delta.appendOnly", "true");
        } else {
            properties.put("delta.enableDeletionVectors", "true");
        }
        if (layer.equals("silver") && this != SILVER_QUARANTINE) {
            // Gold is refreshed from what changed (gold/GoldRefresh).
            properties.put("delta.enableChangeDataFeed", "true");
        }
        properties.put("delta.autoOptimize.autoCompact", "true");
        return properties;
    }

    /** Column definitions for CREATE TABLE; empty for gold tables, whose query defines them. */
    public Optional<String> columns() {
        return Optional.ofNullable(columns);
    }

    public static Optional<LakeTable> byName(String qualifiedName) {
        return Arrays.stream(values()).filter(t -> t.qualifiedName().equalsIgnoreCase(qualifiedName)).findFirst();
    }

    private static final class Columns {
        /** The record's bytes exactly, and as text where they are UTF-8 (null where not). */
        static final String BRONZE = """
                raw_payload STRING, source_file STRING, ingested_at TIMESTAMP,
                _metadata STRUCT<topic: STRING, partition: INT, offset: BIGINT, timestamp: TIMESTAMP, key: STRING,
                headers: ARRAY<STRUCT<key: STRING, value: STRING>>, key_bytes: BINARY>, raw_bytes BINARY""";
        private static final String SOURCE = ContractColumns.of(SourceRecord.getClassSchema()).sql();
        /** Per column, the version its value is of: the unit's time (a deal's updated_at) and its raw unit. */
        static final String COLUMN_VERSIONS = "_column_versions MAP<STRING, STRUCT<at: TIMESTAMP, source: " + SOURCE + ">>";

        /**
         * A silver table's columns: its contract's (the first, its key, not null), ingested_at, the
         * contract's system columns (_rescued_data, _source), then the given ones.
         */
        static String silver(Schema contract, String... more) {
            List<String> entity = new ArrayList<>();
            List<String> system = new ArrayList<>();
            for (StructField column : ContractColumns.of(contract).fields()) {
                String definition = "`" + column.name() + "` " + column.dataType().sql();
                if (entity.isEmpty()) {
                    entity.add(definition + " NOT NULL");
                } else {
                    (column.name().startsWith("_") ? system : entity).add(definition);
                }
            }
            entity.add("ingested_at TIMESTAMP");
            entity.addAll(system);
            entity.addAll(List.of(more));
            return String.join(", ", entity);
        }
    }
}
