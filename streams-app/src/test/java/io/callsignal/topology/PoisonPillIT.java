package io.callsignal.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.app.CallsignalStreams;
import io.callsignal.config.Config;
import io.callsignal.ops.OpsServer;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.Records;
import io.callsignal.testkit.TestBroker;
import io.callsignal.topics.JsonSerde;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Poison pills on a real broker are quarantined with their reasons and the app keeps running and serving. */
@ExtendWith(KafkaBroker.class)
class PoisonPillIT {

    @TempDir
    Path stateDir;

    @Test
    void poisonPillsAreQuarantinedAndTheAppKeepsGoing(TestBroker broker) throws Exception {
        Map<String, String> env = broker.pipelineEnvironment(2);
        env.put("STATE_DIR", stateDir.toString());
        env.put("MAX_PAYLOAD_BYTES", "64KiB");
        Config config = Config.of(env, Optional.empty());
        String applicationId = env.get("APPLICATION_ID");
        List<String> topics = List.of(env.get("TOPIC_CONVERSATIONS_RAW"), env.get("TOPIC_SIGNALS_RAW"),
                env.get("TOPIC_CONVERSATIONS_VALID"), env.get("TOPIC_SIGNALS_VALID"), env.get("TOPIC_QUARANTINE"));
        String good = "{\"call_id\":\"c-%d\",\"source_platform\":\"canonical\"}";
        String signal = "{\"call_id\":\"c-1\",\"signal_name\":\"overall_score\",\"signal_type\":\"score\","
                + "\"signal_value\":%s,\"scoring_version\":\"v1\",\"evaluated_at\":\"2026-02-01T10:00:00Z\"}";

        try (CallsignalStreams app = new CallsignalStreams(config);
                OpsServer ops = OpsServer.start(0, app::healthy, app::ready,
                app.registry()::scrape);
                var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            app.start();
            Awaitility.await("streams running").atMost(Duration.ofMinutes(1)).until(app::ready);
            send(producer, topics.get(0), String.format(good, 1).getBytes(StandardCharsets.UTF_8));
            send(producer, topics.get(0), new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, 0x13});
            send(producer, topics.get(0), new byte[0]);
            send(producer, topics.get(0), ("{\"call_id\":\"big\",\"transcript_text\":\"" + "x".repeat(100_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            send(producer, topics.get(1), String.format(signal, "0.5").getBytes(StandardCharsets.UTF_8));
            send(producer, topics.get(1), String.format(signal, "0.9").getBytes(StandardCharsets.UTF_8));
            send(producer, applicationId + "-" + io.callsignal.topics.Topics.CONVERSATIONS_BY_ID + "-repartition",
                    new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42});
            send(producer, topics.get(0), String.format(good, 2).getBytes(StandardCharsets.UTF_8));

            var quarantined = Records.readAtLeast(broker.bootstrapServers(), topics.get(4), 5,
                    new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofMinutes(2));
            var calls = Records.readAtLeast(broker.bootstrapServers(), topics.get(2), 2,
                    new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofMinutes(2));

            assertEquals(List.of("c-1", "c-2"), calls.stream().map(r -> r.key()).sorted().toList(),
                    "good records before and after the pills come through");
            List<Reason> reasons = quarantined.stream().map(r -> read(r.value()).reason()).sorted().toList();
            assertEquals(List.of(Reason.MALFORMED_JSON, Reason.MALFORMED_JSON, Reason.CONFLICTING_DUPLICATE,
                    Reason.PAYLOAD_TOO_LARGE, Reason.UNDECODABLE_EVENT), reasons);
            assertTrue(app.ready(), "still running: " + app.state());

            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, get(http, ops, "/healthz").statusCode());
            assertEquals(200, get(http, ops, "/readyz").statusCode());
            String metrics = get(http, ops, "/metrics").body();
            assertTrue(metrics.contains("callsignal_quarantined_total{entity=\"conversation\",reason=\"MALFORMED_JSON\"} 2.0"), metrics);
            assertTrue(metrics.contains("callsignal_valid_total{entity=\"conversation\"} 2.0"), metrics);
            assertTrue(metrics.contains("kafka_stream"), "Kafka Streams' own metrics are exported");
            assertEquals(0.0, app.metrics().total("callsignal.input", Entity.CONVERSATION) - 2
                    - app.metrics().total("callsignal.quarantined", Entity.CONVERSATION) + 1,
                    "every conversation unit accounted for (the repartition pill was never a raw input)");
            app.close();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> get(http, ops, "/readyz").statusCode() == 503);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, value)).get();
    }

    private static QuarantineRecord read(byte[] value) {
        try {
            return JsonSerde.MAPPER.readValue(value, QuarantineRecord.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> get(HttpClient http, OpsServer ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
