package io.callsignal.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.alerts.AlertEvent.Status;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.SinkSettings;
import io.callsignal.testkit.BrokerProcess;
import io.callsignal.testkit.Events;
import io.callsignal.testkit.SinkFixture;
import io.callsignal.testkit.WithBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sink's alerting against a real broker and lake: a rep's score drop raises one alert, once, until it ends. */
@ExtendWith(WithBroker.class)
class AlertsIT {

    @TempDir
    Path dir;

    @Test
    void aScoreDropRaisesExactlyOneAlertRecordUntilTheScoreRecovers(BrokerProcess broker) throws Exception {
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            String topic = "alerts-" + System.nanoTime();
            fixture.set(SinkSettings.TOPIC_ALERTS, topic);
            Files.createDirectories(fixture.lakeRoot().resolve("_alerts"));
            Files.writeString(fixture.lakeRoot().resolve("_alerts/rules.yaml"), """
                    rules:
                      - {name: low-score, when: rep_monthly_score_below, threshold: 6.0}
                    """);
            call(fixture, "c1", "8.0");
            fixture.runSink();
            assertEquals(List.of(), records(fixture, topic));

            // A second October call scored 2.0: ana's October average drops to 5.0.
            call(fixture, "c2", "2.0");
            fixture.runSink();
            List<AlertEvent> alerts = records(fixture, topic);
            assertEquals(1, alerts.size(), alerts.toString());
            assertEquals(Status.FIRING, alerts.get(0).status());
            assertEquals("low-score/ana@acme.com/2026-10-01/v1", alerts.get(0).alert());
            assertEquals(5.0, alerts.get(0).value());

            // Evaluated again with nothing new, and by the next run's gold: still the one record.
            fixture.runSink();
            assertEquals(alerts, records(fixture, topic));

            call(fixture, "c3", "9.5");
            fixture.runSink();
            List<AlertEvent> resolved = records(fixture, topic);
            assertEquals(List.of(Status.FIRING, Status.RESOLVED), resolved.stream().map(AlertEvent::status).toList());
            assertEquals(Map.of(), Map.copyOf(firing(fixture)));
        }
    }

    private static Map<String, AlertEvent> firing(SinkFixture fixture) {
        Map<String, AlertEvent> latest = new HashMap<>(AlertTopic.latest(fixture.config()));
        latest.values().removeIf(alert -> alert.status() != Status.FIRING);
        return latest;
    }

    /** A call of ana's in October 2026 and its overall_score, as the streams app writes them. */
    private static void call(SinkFixture fixture, String callId, String score) throws Exception {
        fixture.send(CommonSettings.TOPIC_CONVERSATIONS_VALID, callId, Events.encode(Events.conversation(callId, "gong",
                Events.source("conversations.raw", Math.abs(callId.hashCode())))
                .setCallTimestamp(Instant.parse("2026-10-0" + callId.substring(1) + "T10:00:00Z"))
                .setParticipants(List.of(Events.participant("Ana", "ana@acme.com", "rep"))).build()));
        fixture.send(CommonSettings.TOPIC_SIGNALS_VALID, "s-" + callId, Events.encode(Events.signal("s-" + callId, callId,
                "overall_score", score, "score", 0.9, "v1", "2026-10-10T00:00:00Z",
                Events.source("signals.raw", Math.abs(callId.hashCode())))));
    }

    /** Every committed record of the alerts topic, in order, up to its log's end (markers included). */
    private static List<AlertEvent> records(SinkFixture fixture, String topic) {
        List<AlertEvent> events = new ArrayList<>();
        Map<String, Object> properties = Map.of("bootstrap.servers", fixture.config().get(
                CommonSettings.KAFKA_BOOTSTRAP_SERVERS), "isolation.level", "read_committed");
        try (var consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(30)).containsKey(topic)
                    ? List.of(new TopicPartition(topic, 0)) : List.of();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = AlertTopic.logEnds(fixture.config(), partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    events.add(AlertEvent.fromJson(record.value()));
                }
            }
        }
        return events;
    }
}
