package io.callsignal.testkit;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.Config;
import io.callsignal.topics.TopicProvisioner;
import io.callsignal.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * Fresh pipeline topics, created as `topics create` does (record size limits included), and the
     * environment that points an app at them and this broker, with its own application id.
     */
    public Map<String, String> pipelineEnvironment(int partitions) throws Exception {
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new java.util.HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                "TOPIC_CONVERSATIONS_RAW", "conversations.raw" + suffix, "TOPIC_SIGNALS_RAW", "signals.raw" + suffix,
                "TOPIC_CONVERSATIONS_VALID", "conversations.valid" + suffix, "TOPIC_SIGNALS_VALID", "signals.valid" + suffix,
                "TOPIC_DEALS_RAW", "deals.raw" + suffix, "TOPIC_DEALS_VALID", "deals.valid" + suffix,
                "TOPIC_QUARANTINE", "quarantine" + suffix, "APPLICATION_ID", "app-" + UUID.randomUUID()));
        Topics topics = Topics.from(Config.of(env, Optional.empty()), SchemaHistory.bundled());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            new TopicProvisioner(admin).provision(topics, partitions, (short) 1);
        }
        return env;
    }

    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers());
        return properties;
    }
}
