package io.callsignal.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.app.CallsignalStreams;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.TestBroker;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A topic that takes smaller records than MAX_PAYLOAD_BYTES needs stops the app at start, and `topics create` raises it. */
@ExtendWith(KafkaBroker.class)
class BrokerLimitsIT {

    @TempDir
    Path stateDir;

    @Test
    void aTopicBelowTheLimitIsOneClearErrorAtStartUntilRaised(TestBroker broker) throws Exception {
        Map<String, String> env = broker.pipelineEnvironment(1);
        env.put("STATE_DIR", stateDir.toString());
        Config config = Config.of(env, Optional.empty());
        Topics topics = Topics.from(config, SchemaHistory.bundled());
        String valid = topics.conversationsValid.name();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<ConfigResource, Collection<AlterConfigOp>> lower = Map.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    valid), List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"),
                    AlterConfigOp.OpType.SET)));
            admin.incrementalAlterConfigs(lower).all().get();

            try (CallsignalStreams app = new CallsignalStreams(config)) {
                ConfigException e = assertThrows(ConfigException.class, app::start);
                assertTrue(e.getMessage().startsWith("topic " + valid + " takes records up to 1048588 bytes"
                        + " (max.message.bytes) but needs " + topics.sizes.recordBytes()), e.getMessage());
                assertTrue(e.getMessage().contains("run `bin/callsignal topics create`"), e.getMessage());
            }

            assertEquals(Set.of(valid), new BrokerLimits(admin).raise(topics));
            assertEquals(Set.of(), new BrokerLimits(admin).raise(topics), "raised once");
            new BrokerLimits(admin).check(topics);
        }
    }
}
