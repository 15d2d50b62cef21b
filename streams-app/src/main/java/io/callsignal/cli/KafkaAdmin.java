package io.callsignal.cli;

import io.callsignal.config.Config;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Admin clients for the command line: the pipeline's client settings, with short timeouts for a person waiting. */
final class KafkaAdmin {

    private KafkaAdmin() {
    }

    static Admin open(Config config, Duration apiTimeout) {
        Map<String, Object> properties = new HashMap<>(config.kafkaClient());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "callsignal-cli");
        int timeoutMs = (int) apiTimeout.toMillis();
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 5_000));
        return Admin.create(properties);
    }
}
