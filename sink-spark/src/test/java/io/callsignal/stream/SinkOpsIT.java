package io.callsignal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.config.CommonSettings;
import io.callsignal.silver.SchemaSource;
import io.callsignal.sink.SinkRun;
import io.callsignal.testkit.BrokerProcess;
import io.callsignal.testkit.SinkFixture;
import io.callsignal.testkit.WithBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A continuous sink is a service: ready while its flows run, with what it lands on /metrics. */
@ExtendWith(WithBroker.class)
class SinkOpsIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readyWhileFlowsRunAndCountsWhatTheyLand(BrokerProcess broker) throws Exception {
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            LakeCatalog lake = fixture.lake();
            SinkRun run = new SinkRun(lake, fixture.config(), SchemaSource.bundled());
            try (SinkOps ops = SinkOps.start(lake.spark(), 0)) {
                assertEquals(503, get(ops, "/readyz").statusCode(), "no flow runs yet");
                CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                    try {
                        run.run(SinkTrigger.continuous(Duration.ofSeconds(1)));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Awaitility.await("ready").atMost(Duration.ofMinutes(2)).until(() -> get(ops, "/readyz").statusCode() == 200);

                for (int i = 0; i < 3; i++) {
                    fixture.send(CommonSettings.TOPIC_CONVERSATIONS_RAW, "k" + i, "{}".getBytes(StandardCharsets.UTF_8));
                }

                Awaitility.await("rows on /metrics").atMost(Duration.ofMinutes(2))
                        .until(() -> landed(get(ops, "/metrics").body(), "bronze.conversations_raw") == 3);
                String metrics = get(ops, "/metrics").body();
                assertTrue(metrics.contains("callsignal_sink_last_batch_seconds{flow=\"bronze.conversations_raw\"}"), metrics);
                assertTrue(metrics.contains("callsignal_sink_lag_offsets{flow=\"bronze.conversations_raw\"} 0.0"),
                        "caught up: " + metrics);
                assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics too");
                assertEquals(200, get(ops, "/healthz").statusCode());

                run.stop();
                running.get();
                // Spark delivers query events on its listener bus, after the fact.
                Awaitility.await("not ready once stopped").atMost(Duration.ofSeconds(30))
                        .until(() -> get(ops, "/readyz").statusCode() == 503);
                assertEquals(200, get(ops, "/healthz").statusCode(), "a clean stop is not a failure");
            }
        }
    }

    private static double landed(String metrics, String flow) {
        Matcher row = Pattern.compile("(?m)^callsignal_sink_rows_total\\{flow=\"" + Pattern.quote(flow) + "\"} (\\S+)$")
                .matcher(metrics);
        return row.find() ? Double.parseDouble(row.group(1)) : 0;
    }

    private HttpResponse<String> get(SinkOps ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
