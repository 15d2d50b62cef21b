package io.callsignal.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsignal.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.CommitLog;
import org.apache.spark.sql.execution.streaming.OffsetSeq;
import org.apache.spark.sql.execution.streaming.OffsetSeqLog;
import scala.Option;

/**
 * Whether a flow has anything to do: records past the offsets its checkpoint last committed, or a
 * batch it planned and never committed. A run over everything available starts only the flows that
 * have, so a scheduled run over quiet topics costs one look at the offsets instead of a streaming
 * query per topic. The look is Spark's own: the checkpoint's offset and commit logs, and the topic's
 * committed end as the Kafka source reads it (read_committed).
 */
public final class TopicBacklog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final Admin admin;

    /** Looks that fail after {@code timeout} when the brokers do not answer. */
    public TopicBacklog(SparkSession spark, Config config, Duration timeout) {
        this.spark = spark;
        Map<String, Object> client = new HashMap<>(config.kafkaClient());
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(client);
    }

    /** Whether the flow has records to read or a planned batch to redo. */
    public boolean pending(String checkpoint, String topic) {
        return plannedUncommitted(checkpoint) || behind(checkpoint, topic) > 0;
    }

    /** The sink's lag on a flow: how many records of its topic lie past its last committed batch. */
    public long behind(String checkpoint, String topic) {
        return behind(committedOffsets(checkpoint, topic), topic);
    }

    private long behind(Map<Integer, Long> committed, String topic) {
        try {
            List<TopicPartition> partitions;
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                partitions = description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return 0; // nothing to read; the flow would find no partitions either
                }
                throw e;
            }
            Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> starts = offsets(partitions.stream()
                    .filter(p -> !committed.containsKey(p.partition())).toList(), OffsetSpec.earliest());
            return partitions.stream().mapToLong(p -> Math.max(0, ends.get(p) - committed.getOrDefault(p.partition(),
                    starts.get(p)))).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + topic + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the offsets of " + topic, e);
        }
    }

    /** The offsets of the checkpoint's last committed batch by partition (none without one). */
    private Map<Integer, Long> committedOffsets(String checkpoint, String topic) {
        if (!exists(checkpoint + "/commits")) {
            return Map.of();
        }
        Option<Object> committed = new CommitLog(spark, checkpoint + "/commits").getLatestBatchId();
        if (committed.isEmpty()) {
            return Map.of();
        }
        OffsetSeq offsets = new OffsetSeqLog(spark, checkpoint + "/offsets").get((Long) committed.get()).get();
        return byPartition(offsets, topic, checkpoint);
    }

    /** Whether the flow planned a batch it has not committed: its next start redoes it. */
    private boolean plannedUncommitted(String checkpoint) {
        if (!exists(checkpoint + "/offsets")) {
            return false;
        }
        Option<Object> planned = new OffsetSeqLog(spark, checkpoint + "/offsets").getLatestBatchId();
        Option<Object> committed = exists(checkpoint + "/commits")
                ? new CommitLog(spark, checkpoint + "/commits").getLatestBatchId() : Option.empty();
        return planned.isDefined() && !planned.equals(committed);
    }

    private static Map<Integer, Long> byPartition(OffsetSeq offsets, String topic, String checkpoint) {
        Map<Integer, Long> byPartition = new HashMap<>();
        try {
            JSON.readTree(offsets.offsets().head().get().json()).path(topic).fields().forEachRemaining(entry ->
                    byPartition.put(Integer.parseInt(entry.getKey()), entry.getValue().asLong()));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable offsets in " + checkpoint, e);
        }
        return byPartition;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private boolean exists(String location) {
        Path path = new Path(location);
        try {
            return path.getFileSystem(spark.sessionState().newHadoopConf()).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
