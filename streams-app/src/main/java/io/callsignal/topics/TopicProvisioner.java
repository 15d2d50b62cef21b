package io.callsignal.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics that are missing; leaves existing ones as they are and reports them,
 * once every partition's leader serves it, so that records can be published at once.
 */
public final class TopicProvisioner {

    private static final long TIMEOUT_SECONDS = 60;
    private static final long RETRY_BACKOFF_MS = 100;

    /** What happened to one topic. */
    public record Outcome(String topic, boolean created, int partitions, boolean partitionsAsConfigured) {

        @Override
        public String toString() {
            String line = (created ? "created " : "exists  ") + topic + " (" + partitions + " partitions)";
            return partitionsAsConfigured ? line : line + " - differs from the configured partition count";
        }
    }

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /** What `topics create` did: each pipeline topic, and those whose record limit it raised. */
    public record Provisioned(List<Outcome> topics, Set<String> raised) {
    }

    /**
     * What `topics create` does: every pipeline topic that is missing created with its configs, then
     * the record size limit raised on existing topics whose limit is lower (see {@link BrokerLimits}).
     */
    public Provisioned provision(Topics topics, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<Outcome> outcomes = ensure(topics.all().stream().map(Topic::name).toList(), partitions, replicationFactor,
                topics.configs());
        return new Provisioned(outcomes, new BrokerLimits(admin).raise(topics));
    }

    public List<Outcome> ensure(Collection<String> topics, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException, TimeoutException {
        return ensure(topics, partitions, replicationFactor, Map.of());
    }

    /** As above; a topic named in {@code configs} is created with those topic configs. */
    public List<Outcome> ensure(Collection<String> topics, int partitions, short replicationFactor,
            Map<String, Map<String, String>> configs) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream().filter(name -> !existing.contains(name))
                .map(name -> new NewTopic(name, partitions, replicationFactor).configs(configs.getOrDefault(name, Map.of())))
                .toList();
        List<String> created = new ArrayList<>();
        for (var entry : admin.createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                // Another `topics create` may have won the race; that topic exists, which is all we need.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Map<String, TopicDescription> described = describeServed(admin, topics);
        return topics.stream().map(name -> {
            int actual = described.get(name).partitions().size();
            return new Outcome(name, created.contains(name), actual, actual == partitions);
        }).toList();
    }

    /** Returns once the leader of every partition of the topics serves it (see below). */
    public static void awaitLeaders(Admin admin, Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        describeServed(admin, topics);
    }

    /**
     * Describes the topics once every partition's leader serves it. Right after creation a broker
     * may not know a topic yet, and metadata names a partition's leader a moment before that broker
     * serves it: an idempotent producer whose first batch is refused then while a later one lands
     * can never write the first (KAFKA-15591, fixed in 4.5 brokers) and fails after
     * delivery.timeout.ms. A list-offsets request is answered by the leader alone.
     */
    private static Map<String, TopicDescription> describeServed(Admin admin, Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                described.values().forEach(topic -> topic.partitions().forEach(p ->
                        partitions.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return described;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_BACKOFF_MS);
            }
        }
    }
}
