package io.callsignal.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every table of the lake: its catalog name and, for the tables the sink writes row by row, its
 * columns. Gold tables take their columns from their query (src/main/resources/gold/NAME.sql).
 * docs/lake.md describes each.
 */
public enum LakeTable {
    BRONZE_CONVERSATIONS("bronze", "conversations_raw", Columns.BRONZE),
    BRONZE_SIGNALS("bronze", "signals_raw", Columns.BRONZE),
    SILVER_CONVERSATIONS("silver", "conversations", """
            call_id STRING NOT NULL, source_platform STRING, call_timestamp TIMESTAMP, duration_seconds INT,
            participants ARRAY<STRUCT<name: STRING, email: STRING, role: STRING>>, deal_id STRING, account_id STRING,
            transcript_text STRING, metadata MAP<STRING, STRING>, ingested_at TIMESTAMP, _rescued_data STRING,
            """ + Columns.LINEAGE),
    SILVER_SIGNALS("silver", "conversation_signals", """
            signal_id STRING NOT NULL, call_id STRING, signal_name STRING, signal_value STRING, signal_type STRING,
            confidence DOUBLE, scoring_version STRING, evaluated_at TIMESTAMP, ingested_at TIMESTAMP,
            _rescued_data STRING,
            """ + Columns.LINEAGE),
    SILVER_QUARANTINE("silver", "quarantine", """
            entity STRING, reason STRING, field STRING, detail STRING, source_topic STRING, source_partition INT,
            source_offset BIGINT, source_timestamp TIMESTAMP, `index` INT, key STRING, key_base64 STRING,
            payload STRING, payload_base64 STRING, payload_in STRING, headers ARRAY<STRUCT<key: STRING, value: STRING>>,
            quarantined_at TIMESTAMP,
            quarantined_by STRING, _source_file STRING"""),
    GOLD_DEAL_SIGNAL_SUMMARY("gold", "deal_signal_summary", null),
    GOLD_REP_MONTHLY_SCORES("gold", "rep_monthly_scores", null),
    GOLD_CALL_SIGNAL_PIVOT("gold", "call_signal_pivot", null);

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

    /** Bronze and quarantine keep history as it arrived: Delta refuses updates and deletes to them. */
    public boolean appendOnly() {
        return this == BRONZE_CONVERSATIONS || this == BRONZE_SIGNALS || this == SILVER_QUARANTINE;
    }

    /** Column definitions for CREATE TABLE; empty for gold tables, whose query defines them. */
    public Optional<String> columns() {
        return Optional.ofNullable(columns);
    }

    public static Optional<LakeTable> byName(String qualifiedName) {
        return Arrays.stream(values()).filter(t -> t.qualifiedName().equalsIgnoreCase(qualifiedName)).findFirst();
    }

    private static final class Columns {
        static final String BRONZE = """
                raw_payload STRING, source_file STRING, ingested_at TIMESTAMP,
                _metadata STRUCT<topic: STRING, partition: INT, offset: BIGINT, timestamp: TIMESTAMP, key: STRING,
                headers: ARRAY<STRUCT<key: STRING, value: STRING>>>""";
        /** The raw record a silver row was read from: the streams app's lineage of the event. */
        static final String LINEAGE = """
                _source STRUCT<topic: STRING, partition: INT, offset: BIGINT, timestamp: TIMESTAMP, `index`: INT>""";
    }
}
