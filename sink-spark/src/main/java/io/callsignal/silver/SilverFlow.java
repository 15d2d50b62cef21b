package io.callsignal.silver;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.catalog.SqlFile;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.rejection.Entity;
import io.callsignal.stream.MicroBatchFlow;
import io.callsignal.stream.SinkTrigger;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A typed topic into its silver table, one micro-batch at a time: decode and check each record,
 * settle the batch's repeats of a key (SQL in silver/ENTITY.batch.sql), judge them against what
 * silver holds where the entity has such a rule (silver/ENTITY.conflicts.sql), quarantine what is
 * refused, and MERGE the rest (silver/ENTITY.merge.sql). Both writes are idempotent per batch.
 */
public final class SilverFlow implements VoidFunction2<Dataset<Row>, Long> {

    private static final long serialVersionUID = 1L;

    private final String flow;
    private final Entity entity;
    private final EventDecoder<?> decoder;
    private final String batchSql;
    private final String mergeSql;
    private final Optional<String> conflictsSql;
    private final String quarantineLocation;
    private final String key;

    /** {@code version}: the column that versions a whole event, if one does (see {@link SilverColumns}). */
    private SilverFlow(LakeCatalog lake, LakeTable table, Entity entity, EventDecoder<?> decoder, String sql,
            Optional<String> version, boolean judgedAgainstSilver) {
        this.flow = table.qualifiedName();
        this.entity = entity;
        this.decoder = decoder;
        this.batchSql = sql(sql + ".batch", decoder, version);
        this.mergeSql = sql(sql + ".merge", decoder, version);
        this.conflictsSql = judgedAgainstSilver ? Optional.of(sql(sql + ".conflicts", decoder, version)) : Optional.empty();
        this.quarantineLocation = lake.location(LakeTable.SILVER_QUARANTINE);
        this.key = table.clusteredBy().get(0);
    }

    public static SilverFlow conversations(LakeCatalog lake, Config config, SchemaSource schemas) {
        return new SilverFlow(lake, LakeTable.SILVER_CONVERSATIONS, Entity.CONVERSATION,
                new ConversationDecoder(schemas, expectations(config)), "conversations", Optional.empty(), false);
    }

    public static SilverFlow signals(LakeCatalog lake, Config config, SchemaSource schemas) {
        return new SilverFlow(lake, LakeTable.SILVER_SIGNALS, Entity.SIGNAL,
                new SignalDecoder(schemas, expectations(config)), "signals", Optional.of("evaluated_at"), true);
    }

    public static SilverFlow deals(LakeCatalog lake, Config config, SchemaSource schemas) {
        return new SilverFlow(lake, LakeTable.SILVER_DEAL_OUTCOMES, Entity.DEAL,
                new DealDecoder(schemas, expectations(config)), "deals", Optional.of("updated_at"), false);
    }

    private static String sql(String name, EventDecoder<?> decoder, Optional<String> version) {
        return SilverColumns.fill(SqlFile.load("silver/" + name + ".sql"), decoder.columns(), version);
    }

    public StreamingQuery start(LakeCatalog lake, Dataset<Row> kafka, SinkTrigger trigger) throws TimeoutException {
        return MicroBatchFlow.start(lake, flow, kafka.select("key", "value", "topic", "partition", "offset", "timestamp"),
                trigger, this);
    }

    @Override
    public void call(Dataset<Row> records, Long batchId) {
        SparkSession session = records.sparkSession();
        Dataset<Row> decoded = records.mapPartitions(decoder, Encoders.row(decoder.schema())).persist();
        try {
            decoded.where("_rejection IS NULL").createOrReplaceTempView("events");
            // Settled once: the keys, the conflict check, the quarantine and the MERGE all read it.
            Dataset<Row> judged = session.sql(batchSql).persist();
            try {
                judged.where("_rejection IS NULL").createOrReplaceTempView("batch");
                write(session, batchId, decoded, judged);
            } finally {
                judged.unpersist();
            }
        } finally {
            decoded.unpersist();
        }
    }

    private void write(SparkSession session, long batchId, Dataset<Row> decoded, Dataset<Row> judged) {
        Optional<String> targetKeys = MergePruning.onTarget(session.table("batch"), key, "t");
        IdempotentWrite.run(session, flow, batchId, () -> {
            // Judged inside the retry: a concurrent commit may have changed what silver holds.
            Dataset<Row> refused = SinkQuarantine.rows(decoded, entity)
                    .unionByName(SinkQuarantine.rows(judged, entity));
            if (targetKeys.isPresent() && conflictsSql.isPresent()) {
                refused = refused.unionByName(SinkQuarantine.rows(
                        session.sql(conflictsSql.get().replace("{{target_keys}}", targetKeys.get())), entity));
            }
            QuarantineTable.insertNew(refused, quarantineLocation);
            targetKeys.ifPresent(keys -> session.sql(mergeSql.replace("{{target_keys}}", keys)));
        });
    }

    private static SilverExpectations expectations(Config config) {
        return new SilverExpectations(config.get(CommonSettings.FUTURE_TIMESTAMP_SKEW));
    }
}
