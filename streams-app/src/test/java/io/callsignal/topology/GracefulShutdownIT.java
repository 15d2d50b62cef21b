package io.callsignal.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
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
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = broker.pipelineEnvironment(1);
        env.put("STATE_DIR", stateDir.toString());
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("INSTANCE_ID", "streams-app-0");
        Process app = StreamsProcess.start(env, "GracefulShutdownIT.log");
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build();
            Awaitility.await("/readyz 200").atMost(Duration.ofMinutes(1)).ignoreExceptions()
                    .until(() -> http.send(readyz, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                String group = env.get("APPLICATION_ID");
                assertEquals(List.of(Optional.of("streams-app-0-1")), members(admin, group).stream()
                        .map(MemberDescription::groupInstanceId).toList(),
                        "a static member, named by INSTANCE_ID and (Kafka Streams adds it) its thread's number");

                app.destroy();

                assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the process exits after SIGTERM");
                String log = StreamsProcess.log("GracefulShutdownIT.log");
                assertTrue(log.contains("PENDING_SHUTDOWN -> NOT_RUNNING"), "Kafka Streams closed cleanly:\n" + log);
                assertEquals(List.of(), members(admin, group), "it left the group, not waiting out the session");
            }
        } finally {
            app.destroyForcibly();
        }
    }

    private static Collection<MemberDescription> members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members();
    }
}
