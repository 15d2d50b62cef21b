package io.callsignal.testkit;

import io.callsignal.topics.TopicProvisioner;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

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
            TopicProvisioner.awaitLeaders(admin, names);
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

    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers());
        return properties;
    }
}
