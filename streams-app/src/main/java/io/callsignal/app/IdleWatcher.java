package io.callsignal.app;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Decides when the app has processed and committed everything in its source topics (raw and
 * repartition): the group's committed offset has reached the end of every source partition.
 * Used by {@code streams --until-idle}.
 */
public final class IdleWatcher {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Admin admin;
    private final String applicationId;
    private final Set<String> sourceTopics;

    public IdleWatcher(Admin admin, String applicationId, Topology topology) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.sourceTopics = sourceTopics(applicationId, topology);
    }

    /** Blocks until idle (true) or until the timeout or the app stops running (false). */
    public boolean awaitIdle(KafkaStreams streams, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            KafkaStreams.State state = streams.state();
            if (!state.isRunningOrRebalancing() && state != KafkaStreams.State.CREATED) {
                return false;
            }
            try {
                if (state == KafkaStreams.State.RUNNING && caughtUp()) {
                    return true;
                }
            } catch (ExecutionException | TimeoutException e) {
                // The broker may be briefly unavailable; the next round asks again.
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    /** True when the group has committed every source partition up to its end. */
    public boolean caughtUp() throws InterruptedException, ExecutionException, TimeoutException {
        return backlog().values().stream().allMatch(records -> records == 0);
    }

    /** Per source topic, the records at or past the group's committed offsets: what is left to process. */
    public Map<String, Long> backlog() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(sourceTopics).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.forEach((topic, description) -> description.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(30, TimeUnit.SECONDS);
        Map<String, Long> backlog = new HashMap<>();
        for (var end : ends.entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            long consumed = position == null ? 0 : position.offset();
            backlog.merge(end.getKey().topic(), Math.max(0, end.getValue().offset() - consumed), Long::sum);
        }
        return backlog;
    }

    private static Set<String> sourceTopics(String applicationId, Topology topology) {
        Set<String> topics = new HashSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    for (String topic : source.topicSet()) {
                        topics.add(topic.endsWith("-repartition") ? applicationId + "-" + topic : topic);
                    }
                }
            }
        }
        return Set.copyOf(topics);
    }
}
