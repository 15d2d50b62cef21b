package io.callsignal.topology;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.StreamsProcess;
import io.callsignal.testkit.TestBroker;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM closes Kafka Streams cleanly (commit, leave the group) before the process exits. */
@ExtendWith(KafkaBroker.class)
class GracefulShutdownIT {

    @TempDir
    Path stateDir;

    @Test
    void sigtermClosesTheAppCleanly(TestBroker broker) throws Exception {
        List<String> topics = broker.createUniqueTopics(1, "conversations.raw", "signals.raw",
                "conversations.valid", "signals.valid", "quarantine");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "TOPIC_CONVERSATIONS_RAW", topics.get(0), "TOPIC_SIGNALS_RAW", topics.get(1),
                "TOPIC_CONVERSATIONS_VALID", topics.get(2), "TOPIC_SIGNALS_VALID", topics.get(3),
                "TOPIC_QUARANTINE", topics.get(4), "APPLICATION_ID", "term-" + UUID.randomUUID(),
                "STATE_DIR", stateDir.toString(), "HTTP_PORT", Integer.toString(port));
        Process app = StreamsProcess.start(env, "GracefulShutdownIT.log");
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build();
            Awaitility.await("/readyz 200").atMost(Duration.ofMinutes(1)).ignoreExceptions()
                    .until(() -> http.send(readyz, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

            app.destroy();

            assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the process exits after SIGTERM");
            String log = StreamsProcess.log("GracefulShutdownIT.log");
            assertTrue(log.contains("PENDING_SHUTDOWN -> NOT_RUNNING"), "Kafka Streams closed cleanly:\n" + log);
        } finally {
            app.destroyForcibly();
        }
    }
}
