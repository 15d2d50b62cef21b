package io.callsignal.topics;

import io.callsignal.config.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Whether the broker takes the records the pipeline may write (see {@link RecordSizes}): each
 * topic's {@code max.message.bytes}, and the largest request a broker accepts. Checked before the
 * streams app starts, so that a mismatch is one clear error rather than a transaction aborted on
 * every retry; `topics create` raises a topic's limit where it is lower.
 */
public final class BrokerLimits {

    private static final long TIMEOUT_SECONDS = 30;
    private static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";

    private final Admin admin;

    public BrokerLimits(Admin admin) {
        this.admin = admin;
    }

    /** Throws a {@link ConfigException} naming every existing topic (or broker) whose limit is too low. */
    public void check(Topics topics) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Long> wanted = topics.maxMessageBytes();
        List<String> problems = new ArrayList<>();
        tooLow(wanted).forEach((topic, actual) -> problems.add("topic " + topic + " takes records up to " + actual
                + " bytes (max.message.bytes) but needs " + wanted.get(topic)));
        long socketLimit = brokerSocketLimit();
        if (socketLimit < topics.sizes.recordBytes()) {
            problems.add("the broker accepts requests up to " + socketLimit + " bytes (" + SOCKET_REQUEST_MAX_BYTES
                    + ") but a record may take " + topics.sizes.recordBytes());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems) + ". MAX_PAYLOAD_BYTES="
                    + topics.sizes.maxPayloadBytes() + " sets these limits: run `bin/callsignal topics create`,"
                    + " which raises a topic's limit, or lower MAX_PAYLOAD_BYTES");
        }
    }

    /** Raises {@code max.message.bytes} of the existing topics whose limit is below the wanted one; returns them. */
    public Set<String> raise(Topics topics) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Long> wanted = topics.maxMessageBytes();
        Map<String, Long> low = tooLow(wanted);
        if (!low.isEmpty()) {
            Map<ConfigResource, Collection<AlterConfigOp>> ops = low.keySet().stream().collect(Collectors.toMap(
                    topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    topic -> List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                            String.valueOf(wanted.get(topic))), AlterConfigOp.OpType.SET))));
            admin.incrementalAlterConfigs(ops).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        return low.keySet();
    }

    /** The existing topics among {@code wanted} whose limit is lower, with their limit. */
    private Map<String, Long> tooLow(Map<String, Long> wanted)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<ConfigResource> resources = wanted.keySet().stream().filter(existing::contains)
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Long> low = new TreeMap<>();
        configs.forEach((resource, config) -> {
            long actual = Long.parseLong(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
            if (actual < wanted.get(resource.name())) {
                low.put(resource.name(), actual);
            }
        });
        return low;
    }

    private long brokerSocketLimit() throws InterruptedException, ExecutionException, TimeoutException {
        long limit = Long.MAX_VALUE;
        var nodes = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<ConfigResource> brokers = nodes.stream()
                .map(node -> new ConfigResource(ConfigResource.Type.BROKER, node.idString())).toList();
        for (Config config : admin.describeConfigs(brokers).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()) {
            ConfigEntry entry = config.get(SOCKET_REQUEST_MAX_BYTES);
            if (entry != null && entry.value() != null) {
                limit = Math.min(limit, Long.parseLong(entry.value()));
            }
        }
        return limit;
    }
}
