package io.callsignal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.callsignal.cli.StreamsAppCli;
import io.callsignal.dedup.ConversationDeduplicator;
import io.callsignal.dedup.SignalDeduplicator;
import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.StreamsProcess;
import io.callsignal.testkit.TestBroker;
import io.callsignal.topics.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay on Kubernetes: the reset runs in a Job, away from the pods, whose local state stays on
 * their volumes. Started again, an instance must not dedup the replay against that state.
 */
@ExtendWith(KafkaBroker.class)
class LocalStateGuardIT {

    private static final int CALLS = 40;
    private static final int SIGNALS_PER_CALL = 4;
    private static final String REMOVED = "a reset has since deleted";

    @TempDir
    Path dir;

    @Test
    void stateThatOutlivedAResetIsRemovedAtStartAndOnlyThen(TestBroker broker) throws Exception {
        Map<String, String> env = broker.pipelineEnvironment(3);
        env.put("STATE_DIR", dir.resolve("pod-volume").toString());
        env.put("HTTP_PORT", "0");
        publish(broker, env, CALLS);
        Map<String, Long> first = runUntilIdle(env, "first");
        assertEquals(CALLS, first.get("streams.conversation.valid"), first::toString);
        assertEquals(CALLS * SIGNALS_PER_CALL, first.get("streams.signal.valid"), first::toString);

        Map<String, String> job = new HashMap<>(env);
        job.put("STATE_DIR", dir.resolve("job").toString());
        assertEquals(0, StreamsAppCli.commandLine().execute("replay", "--from", "earliest",
                "--config", properties(job).toString()));
        // As the first pod to start after the Job would: the changelogs exist again, empty, before this
        // instance restores. Kafka Streams notices a stale store only by chance then (an out-of-range
        // fetch while restoring), and restores the others "to the end" of an empty changelog.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(Stream.of(ConversationDeduplicator.STORE, SignalDeduplicator.STORE)
                    .map(store -> new NewTopic(env.get("APPLICATION_ID") + "-" + store + "-changelog", 3, (short) 1))
                    .toList()).all().get(1, TimeUnit.MINUTES);
        }

        Map<String, Long> replayed = runUntilIdle(env, "replayed");
        assertEquals(first, replayed, "every call and signal emitted again");
        assertTrue(StreamsProcess.log(log("replayed")).contains(REMOVED), "the removal is logged");

        publish(broker, env, 5);
        Map<String, Long> restarted = runUntilIdle(env, "restarted");
        assertEquals(5L, restarted.get("streams.conversation.dropped.duplicate"), "dedup remembers: " + restarted);
        assertEquals(5L * SIGNALS_PER_CALL, restarted.get("streams.signal.dropped.duplicate"), restarted::toString);
        assertFalse(StreamsProcess.log(log("restarted")).contains(REMOVED), "no reset, no removal");
    }

    /** Calls 0 to count - 1, each with a batch of four signals. */
    private static void publish(TestBroker broker, Map<String, String> env, int count) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(env.get("TOPIC_CONVERSATIONS_RAW"), "{\"call_id\":\"call-" + i
                        + "\",\"source_platform\":\"canonical\",\"call_timestamp\":\"2026-02-01T10:00:00Z\",\"duration_seconds\":600}"));
                producer.send(new ProducerRecord<>(env.get("TOPIC_SIGNALS_RAW"), "{\"call_id\":\"call-" + i
                        + "\",\"scoring_version\":\"v1\",\"evaluated_at\":\"2026-02-01T11:00:00Z\",\"signals\":["
                        + IntStream.range(0, SIGNALS_PER_CALL).mapToObj(s -> "{\"signal_name\":\"s" + s
                                + "\",\"signal_type\":\"score\",\"signal_value\":0." + s + "}").collect(Collectors.joining(","))
                        + "]}"));
            }
            producer.flush();
        }
    }

    private Map<String, Long> runUntilIdle(Map<String, String> env, String name) throws Exception {
        Path accounting = dir.resolve(name + ".json");
        Process app = StreamsProcess.start(env, log(name), "--until-idle", "--idle-timeout=3m",
                "--accounting", accounting.toString());
        assertTrue(app.waitFor(4, TimeUnit.MINUTES), name + ": --until-idle did not finish");
        assertEquals(0, app.exitValue(), name + ": " + StreamsProcess.log(log(name)));
        return JsonSerde.MAPPER.readValue(accounting.toFile(), new TypeReference<Map<String, Long>>() { });
    }

    private static String log(String name) {
        return "LocalStateGuardIT-" + name + ".log";
    }

    /** The same settings as a properties file, for a command run in this JVM. */
    private Path properties(Map<String, String> env) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, env.entrySet().stream()
                .map(e -> e.getKey().toLowerCase(Locale.ROOT).replace('_', '.') + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        return file;
    }
}
