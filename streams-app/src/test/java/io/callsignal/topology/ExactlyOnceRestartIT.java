package io.callsignal.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.callsignal.ingest.SignalIds;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.rejection.Reason;
import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.Records;
import io.callsignal.testkit.StreamsProcess;
import io.callsignal.testkit.TestBroker;
import io.callsignal.topics.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams app as a process, killed with SIGKILL in the middle of a stream and started again:
 * every input unit comes out exactly once, as a valid event, a quarantine record or a counted drop,
 * checked record by record; dedup state survives the crash; output is keyed and partitioned by id.
 */
@ExtendWith(KafkaBroker.class)
class ExactlyOnceRestartIT {

    private static final int PARTITIONS = 3;
    private static final int CALLS = 20_000;
    private static final int SIGNAL_BATCHES = 3_000;
    private static final int SIGNALS_PER_BATCH = 4;
    private static final int REPEATS = 200;

    @TempDir
    Path stateDir;

    private Process app;

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.destroyForcibly();
        }
    }

    @Test
    void killedMidStreamAndRestartedLosesNothingAndDoublesNothing(TestBroker broker) throws Exception {
        Map<String, String> env = broker.pipelineEnvironment(PARTITIONS);
        env.put("STATE_DIR", stateDir.toString());
        env.put("HTTP_PORT", "0");
        String callsRaw = env.get("TOPIC_CONVERSATIONS_RAW");
        String signalsRaw = env.get("TOPIC_SIGNALS_RAW");
        // A SIGKILLed member never leaves its group; a short session lets the restart take over sooner.
        Path clientConfig = stateDir.resolve("callsignal.properties");
        java.nio.file.Files.writeString(clientConfig, "kafka.client.session.timeout.ms=10000\n");
        env.put("CALLSIGNAL_CONFIG", clientConfig.toString());

        Expected expected = new Expected();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                "linger.ms", 5), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Runnable> afterFlush = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                afterFlush.add(sendCall(producer, callsRaw, i, expected));
            }
            for (int b = 0; b < SIGNAL_BATCHES; b++) {
                afterFlush.add(sendBatch(producer, signalsRaw, b, expected));
            }
            producer.flush();
            afterFlush.forEach(Runnable::run);

            app = StreamsProcess.start(env, "ExactlyOnceRestartIT-first.log");
            int seenBeforeKill = awaitAtLeast(broker, env.get("TOPIC_CONVERSATIONS_VALID"), CALLS / 10);
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertTrue(seenBeforeKill < CALLS, "the kill must land mid-stream, not after it (" + seenBeforeKill + ")");

            for (int i = 0; expected.duplicates < REPEATS; i++) {
                if (!malformed(i)) {
                    producer.send(new ProducerRecord<>(callsRaw, call(i)));
                    expected.duplicates++;
                }
            }
            producer.flush();
        }

        Path accountingFile = stateDir.resolve("accounting.json");
        app = StreamsProcess.start(env, "ExactlyOnceRestartIT-restart.log", "--until-idle", "--idle-timeout=4m",
                "--accounting", accountingFile.toString());
        assertTrue(app.waitFor(5, TimeUnit.MINUTES), "--until-idle did not finish");
        assertEquals(0, app.exitValue(), "--until-idle exits 0 once caught up");

        List<ConsumerRecord<String, byte[]>> calls = readAll(broker, env.get("TOPIC_CONVERSATIONS_VALID"), expected.callIds.size());
        List<ConsumerRecord<String, byte[]>> signals = readAll(broker, env.get("TOPIC_SIGNALS_VALID"), expected.signalIds.size());
        List<ConsumerRecord<String, byte[]>> quarantined = readAll(broker, env.get("TOPIC_QUARANTINE"), expected.quarantined.size());

        assertExactlyOnce(expected.callIds, calls, ConsumerRecord::key);
        assertExactlyOnce(expected.signalIds, signals, ConsumerRecord::key);
        Map<String, Reason> quarantinedByCoordinates = new TreeMap<>();
        for (var record : quarantined) {
            QuarantineRecord q = JsonSerde.MAPPER.readValue(record.value(), QuarantineRecord.class);
            assertEquals(null, quarantinedByCoordinates.put(q.coordinates(), q.reason()), "quarantined twice: " + q.coordinates());
        }
        assertEquals(expected.quarantined.size(), quarantinedByCoordinates.size(), "quarantine records");
        assertTrue(expected.quarantined.equals(quarantinedByCoordinates), "quarantined coordinates and reasons as expected");
        assertEquals(CALLS + REPEATS + SIGNAL_BATCHES * SIGNALS_PER_BATCH,
                calls.size() + signals.size() + quarantined.size() + expected.duplicates,
                "valid + quarantined + dropped = input");
        Map<String, Long> accounting = JsonSerde.MAPPER.readValue(accountingFile.toFile(),
                new TypeReference<Map<String, Long>>() { });
        assertEquals(Map.of("input", (long) CALLS + REPEATS + SIGNAL_BATCHES * SIGNALS_PER_BATCH,
                "valid", (long) calls.size() + signals.size(), "quarantined", (long) quarantined.size(),
                "dropped", (long) expected.duplicates), byOutcome(accounting),
                "the app's own accounting over both runs, exact although the first was killed mid-transaction");
        for (var record : calls) {
            assertEquals(partitionOf(record.key()), record.partition(), "partitioned by call_id");
        }
        for (var record : signals) {
            assertEquals(partitionOf(record.key()), record.partition(), "partitioned by signal_id");
        }
    }

    private static final class Expected {
        final Set<String> callIds = new HashSet<>();
        final Set<String> signalIds = new HashSet<>();
        final Map<String, Reason> quarantined = new TreeMap<>();
        int duplicates;
    }

    private static boolean malformed(int i) {
        return i % 50 == 7;
    }

    /** Sends call i (every 50th malformed); returns what records its expectation once the send completed. */
    private static Runnable sendCall(KafkaProducer<byte[], byte[]> producer, String topic, int i, Expected expected) {
        byte[] value = malformed(i) ? ("{\"call_id\":\"call-" + i + "\"").getBytes(StandardCharsets.UTF_8) : call(i);
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic,
                ("producer-key-" + (i % 17)).getBytes(StandardCharsets.UTF_8), value));
        return () -> {
            if (malformed(i)) {
                RecordMetadata where = done(sent);
                expected.quarantined.put(topic + "/" + where.partition() + "/" + where.offset(), Reason.MALFORMED_JSON);
            } else {
                expected.callIds.add("call-" + i);
            }
        };
    }

    private static RecordMetadata done(Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("publishing the input failed: " + e.getCause(), e);
        }
    }

    private static byte[] call(int i) {
        return ("{\"call_id\":\"call-" + i + "\",\"source_platform\":\"canonical\",\"call_timestamp\":\"2026-02-01T10:00:00Z\","
                + "\"duration_seconds\":" + (60 + i % 3000) + ",\"deal_id\":\"D-" + (i % 97) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Every 40th batch has one element with an unknown signal type. */
    private static Runnable sendBatch(KafkaProducer<byte[], byte[]> producer, String topic, int b, Expected expected) {
        StringBuilder signals = new StringBuilder();
        int badIndex = b % 40 == 3 ? 2 : -1;
        for (int s = 0; s < SIGNALS_PER_BATCH; s++) {
            String type = s == badIndex ? "sentiment" : "score";
            signals.append(s == 0 ? "" : ",").append("{\"signal_name\":\"s").append(s).append("\",\"signal_type\":\"")
                    .append(type).append("\",\"signal_value\":0.").append(s + 1).append("}");
        }
        String batch = "{\"call_id\":\"call-" + b + "\",\"scoring_version\":\"v1\",\"evaluated_at\":\"2026-02-01T11:00:00Z\","
                + "\"signals\":[" + signals + "]}";
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, batch.getBytes(StandardCharsets.UTF_8)));
        return () -> {
            for (int s = 0; s < SIGNALS_PER_BATCH; s++) {
                if (s == badIndex) {
                    RecordMetadata where = done(sent);
                    expected.quarantined.put(topic + "/" + where.partition() + "/" + where.offset() + "#" + s,
                            Reason.INVALID_SIGNAL_TYPE);
                } else {
                    expected.signalIds.add(SignalIds.derive("call-" + b, "s" + s, "v1"));
                }
            }
        };
    }

    /** Accounting counts summed over entities, by outcome (drops of every kind as one). */
    private static Map<String, Long> byOutcome(Map<String, Long> accounting) {
        Map<String, Long> totals = new TreeMap<>();
        accounting.forEach((name, count) -> totals.merge(name.split("\\.")[2], count, Long::sum));
        return totals;
    }

    private static int awaitAtLeast(TestBroker broker, String topic, int count) {
        return Records.readAtLeast(broker.bootstrapServers(), topic, count, new StringDeserializer(),
                new ByteArrayDeserializer(), Duration.ofMinutes(2)).size();
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(TestBroker broker, String topic, int expected) {
        return Records.readAll(broker.bootstrapServers(), topic, new StringDeserializer(), new ByteArrayDeserializer(),
                expected, Duration.ofMinutes(2));
    }

    private static <R> void assertExactlyOnce(Set<String> expected, List<R> records, Function<R, String> key) {
        Map<String, Long> counts = records.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
        List<String> doubled = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).limit(5).toList();
        assertEquals(List.of(), doubled, "output twice");
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(counts.keySet());
        Set<String> unexpected = new HashSet<>(counts.keySet());
        unexpected.removeAll(expected);
        assertEquals(0, missing.size(), () -> "lost " + missing.size() + ", e.g. " + missing.stream().limit(5).toList());
        assertEquals(0, unexpected.size(), () -> unexpected.size() + " unexpected, e.g. " + unexpected.stream().limit(5).toList());
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }
}
