package io.callsignal.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;

/** A real Kafka broker for integration tests; shared by every test class of a module run. */
public abstract class TestBroker implements AutoCloseable {

    public abstract String bootstrapServers();

    /** Creates topics named {@code <base>-<random>} so that tests sharing the broker never see each other's data. */
    public List<String> createUniqueTopics(int partitions, String... baseNames) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> names = java.util.Arrays.stream(baseNames).map(base -> base + "-" + suffix).toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
            // Creation returns before every partition has a leader; producing earlier gets NotLeaderOrFollower.
            Awaitility.await("leaders for " + names).atMost(Duration.ofSeconds(60)).until(() ->
                    admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                            .flatMap(description -> description.partitions().stream())
                            .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
        }
        return names;
    }

    /**
     * Fresh pipeline topics, and the environment that points an app at them and this broker, with
     * its own application id.
     */
    public Map<String, String> pipelineEnvironment(int partitions) throws Exception {
        List<String> topics = createUniqueTopics(partitions, "conversations.raw", "signals.raw",
                "conversations.valid", "signals.valid", "quarantine");
        return new java.util.HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                "TOPIC_CONVERSATIONS_RAW", topics.get(0), "TOPIC_SIGNALS_RAW", topics.get(1),
                "TOPIC_CONVERSATIONS_VALID", topics.get(2), "TOPIC_SIGNALS_VALID", topics.get(3),
                "TOPIC_QUARANTINE", topics.get(4), "APPLICATION_ID", "app-" + UUID.randomUUID()));
    }

    /**
     * The broker's own view of some topics and of its log directories, for a test's failure message:
     * a send that times out is explained by a partition without leader, a shrunk ISR or a full or
     * failed disk, and these are gone by the time anyone reads the log.
     */
    public String describe(String... topics) {
        StringBuilder view = new StringBuilder();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "request.timeout.ms", 10_000))) {
            admin.describeTopics(List.of(topics)).allTopicNames().get(15, TimeUnit.SECONDS).forEach((name, topic) ->
                    topic.partitions().forEach(p -> view.append(String.format("%s-%d leader=%s isr=%s%n",
                            name, p.partition(), p.leader() == null ? "none" : p.leader().id(),
                            p.isr().stream().map(node -> node.id()).toList()))));
            admin.describeLogDirs(admin.describeCluster().nodes().get(15, TimeUnit.SECONDS).stream().map(node -> node.id()).toList())
                    .allDescriptions().get(15, TimeUnit.SECONDS).forEach((broker, dirs) -> dirs.forEach((dir, description) ->
                            view.append(String.format("broker %d log dir %s: %d of %d bytes usable, error: %s%n", broker, dir,
                                    description.usableBytes().orElse(-1), description.totalBytes().orElse(-1),
                                    description.error() == null ? "none" : description.error()))));
        } catch (Exception e) {
            view.append("the broker did not answer: ").append(e);
        }
        return view.toString();
    }

    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers());
        return properties;
    }
}
