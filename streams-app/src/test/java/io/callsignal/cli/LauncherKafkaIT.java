package io.callsignal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.testkit.Records;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bin/callsignal kafka start|status|stop` runs Apache Kafka's broker as a process a person can use. */
class LauncherKafkaIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "callsignal").toAbsolutePath().normalize();

    @TempDir
    Path localDir;

    private int port;
    private int controllerPort;

    @AfterEach
    void stopWhateverWasStarted() throws Exception {
        run("kafka", "stop");
    }

    @Test
    void startedBrokerServesARoundTripAndStopLeavesNoProcess() throws Exception {
        port = freePort();
        controllerPort = freePort();

        Result start = run("kafka", "start");
        assertEquals(0, start.exitCode(), start.output());
        long pid = Long.parseLong(Files.readString(localDir.resolve("kafka/kafka.pid")).trim());

        Result status = run("kafka", "status");
        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.output().contains("answering on 127.0.0.1:" + port), status.output());

        Result topics = run("topics", "create");
        assertEquals(0, topics.exitCode(), topics.output());
        assertTrue(topics.output().contains("created conversations.raw (3 partitions)"), topics.output());
        assertEquals(0, run("topics", "create").exitCode(), "creating the topics again is a no-op");

        String bootstrap = "127.0.0.1:" + port;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("conversations.raw", "call-1", "{\"call_id\":\"call-1\"}")).get();
        }
        var received = Records.readAtLeast(bootstrap, "conversations.raw", 1,
                new StringDeserializer(), new StringDeserializer(), Duration.ofSeconds(60));
        assertEquals("{\"call_id\":\"call-1\"}", received.get(0).value());

        Result stop = run("kafka", "stop");
        assertEquals(0, stop.exitCode(), stop.output());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "broker process still alive");
        assertEquals(3, run("kafka", "status").exitCode(), "status after stop says not running");
    }

    /** As a new user finds it: no broker, or a mistyped address. */
    @Test
    void withoutABrokerEveryKafkaCommandSaysWhereItLookedInOneLine() throws Exception {
        port = freePort();
        List<List<String>> commands = List.of(List.of("topics", "create"), List.of("streams"),
                List.of("tail", "quarantine"), List.of("produce", "--sample", "1"),
                List.of("quarantine", "redrive", "--reason", "MALFORMED_JSON"), List.of("replay", "--from", "earliest"),
                List.of("sink"));
        for (List<String> command : commands) {
            Result result = run(command.toArray(String[]::new));

            assertEquals(3, result.exitCode(), command + ":\n" + result.output());
            assertTrue(result.output().contains("cannot reach Kafka at 127.0.0.1:" + port + " (connection refused) within 2s."
                    + " Start a local broker with `bin/callsignal kafka start`"), command + ":\n" + result.output());
            assertFalse(result.output().contains("Exception"), command + ":\n" + result.output());
        }
        Result typo = run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafak.invalid:9092"), "topics", "create");
        assertEquals(3, typo.exitCode(), typo.output());
        assertTrue(typo.output().contains("cannot reach Kafka at kafak.invalid:9092 (unknown host)"), typo.output());
    }

    @Test
    void stopWithoutABrokerIsHarmless() throws Exception {
        port = freePort();

        Result stop = run("kafka", "stop");

        assertEquals(0, stop.exitCode(), stop.output());
        assertTrue(stop.output().contains("not running"), stop.output());
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(concat(LAUNCHER.toString(), args)).redirectErrorStream(true);
        builder.environment().remove("CALLSIGNAL_CONFIG");
        builder.environment().put("CALLSIGNAL_LOCAL_DIR", localDir.toString());
        builder.environment().put("KAFKA_PORT", Integer.toString(port));
        builder.environment().put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port);
        builder.environment().put("KAFKA_CONNECT_TIMEOUT", "2s");
        builder.environment().put("LAKE_ROOT", localDir.resolve("lake").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("launcher did not finish: " + String.join(" ", args) + "\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest)).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exitCode, String output) {
    }
}
