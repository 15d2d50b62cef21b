package io.callsignal.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsignal.sink.SinkCli;
import io.callsignal.testkit.BrokerProcess;
import io.callsignal.testkit.Launcher.Result;
import io.callsignal.testkit.Launcher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's first command and what follows it, through {@code bin/callsignal} as a user runs
 * it: the demo, its model, then redrives against the pipeline the demo left.
 */
@TestMethodOrder(OrderAnnotation.class)
class EndToEndIT {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDRIVEN_FROM = "callsignal_redriven_from";

    private static Path local;
    private static Path demoDir;
    private static int port;
    /** Commands against what the demo left: its broker, topics, streams state and lake. */
    private static Launcher pipeline;
    private static String demoOutput;

    @BeforeAll
    static void setUp() throws Exception {
        local = Path.of("target", "e2e").toAbsolutePath();
        demoDir = local.resolve("demo");
        port = BrokerProcess.freePort();
        pipeline = new Launcher(local.resolve("logs"))
                .with("CALLSIGNAL_LOCAL_DIR", demoDir.toString())
                .with("KAFKA_PORT", String.valueOf(port))
                .with("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port)
                .with("LAKE_ROOT", demoDir.resolve("lake").toString())
                .with("STATE_DIR", demoDir.resolve("streams-state").toString())
                .with("APPLICATION_ID", "callsignal-demo")
                .with("HTTP_PORT", "0")
                .with("MAX_PAYLOAD_BYTES", "256KiB");
    }

    @AfterAll
    static void stopTheBroker() throws Exception {
        pipeline.run(Duration.ofMinutes(2), "kafka", "stop");
    }

    @Test
    @Order(1)
    void theDemoPassesItsChecksAndGovernsItsLake() throws Exception {
        Launcher demo = new Launcher(local.resolve("logs"))
                .with("CALLSIGNAL_LOCAL_DIR", local.toString())
                .with("DEMO_KAFKA_PORT", String.valueOf(port))
                .with("DEMO_CALLS", "300");
        Result result = demo.run(COMMAND_TIMEOUT, "demo");
        assertEquals(0, result.exitCode(), result.output());
        demoOutput = result.output();
        Matcher checks = Pattern.compile("Checks against .*: (\\d+) of (\\d+) match").matcher(result.output());
        assertTrue(checks.find(), result.output());
        assertEquals(checks.group(2), checks.group(1), result.output());
        assertTrue(Integer.parseInt(checks.group(2)) >= 30, "the report checks every count: " + checks.group(2));
        assertTrue(result.output().contains("champion: version 1"), result.output());
        // The demo's rules find reps' weak months in the sample (its scores are noisy around 6.5).
        Matcher alerts = Pattern.compile("\\((\\d+) firing alerts in alerts\\)").matcher(result.output());
        assertTrue(alerts.find() && Integer.parseInt(alerts.group(1)) > 0, result.output());
        assertTrue(result.output().contains("firing   low-rep-score/"), result.output());
        for (String plot : List.of("roc.png", "calibration.png")) {
            byte[] png = Files.readAllBytes(demoDir.resolve("model-report").resolve(plot));
            assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1), plot);
        }

        // The lake's own commands, run in this JVM (its Spark is started already) against the demo's lake.
        // rep1 is the sample's Ana Lima: the demo's policy shows her her own scores and no one else's.
        Result rep1 = lakeCommand("sql", "--user", "rep1", "--format", "csv", "SELECT count(*) AS months,"
                + " count_if(rep_email <> 'ana.lima@acme.example') AS others FROM gold.rep_monthly_scores");
        assertEquals(0, rep1.exitCode(), rep1.output());
        Matcher counts = Pattern.compile("(?m)^(\\d+),(\\d+)$").matcher(rep1.output());
        assertTrue(counts.find(), rep1.output());
        assertTrue(Integer.parseInt(counts.group(1)) > 0, rep1.output());
        assertEquals("0", counts.group(2), rep1.output());

        Map<String, Long> wrong = truth();
        wrong.merge("silver.conversations", 1L, Long::sum);
        Path wrongTruth = local.resolve("wrong-truth.json");
        JSON.writeValue(wrongTruth.toFile(), wrong);
        Result report = lakeCommand("report", "--truth", wrongTruth.toString());
        assertEquals(1, report.exitCode(), report.output());
        assertTrue(report.output().contains("MISMATCH silver.conversations: expected 301, found 300"), report.output());
        // The champion's predictions, one per deal with a call.
        Matcher predictions = Pattern.compile("(?m)^ *(\\d+)  gold\\.deal_predictions$").matcher(report.output());
        assertTrue(predictions.find() && Integer.parseInt(predictions.group(1)) > 50, report.output());
    }

    /** A sink-jar command on the demo's lake and broker, run in this JVM as bin/callsignal runs it. */
    private static Result lakeCommand(String... args) throws Exception {
        Path settings = local.resolve("demo.properties");
        Files.writeString(settings, "lake.root=" + demoDir.resolve("lake") + "\nkafka.bootstrap.servers=127.0.0.1:" + port
                + "\n");
        StringWriter out = new StringWriter();
        String[] withConfig = Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = settings.toString();
        int exitCode = SinkCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(withConfig);
        return new Result(exitCode, out.toString());
    }

    @Test
    @Order(2)
    void theDemosModelBeatsTheBaselineAndRetrainingOnTheSameDataKeepsTheChampion() throws Exception {
        Map<String, String> trained = modelMetrics(demoOutput);
        Matcher registered = Pattern.compile("registered version 1 \\((\\w+),").matcher(demoOutput);
        assertTrue(registered.find(), demoOutput);
        double auc = Double.parseDouble(trained.get(registered.group(1)).trim().split("\\s+")[0]);
        double baseline = Double.parseDouble(trained.get("baseline (avg overall_score)").trim().split("\\s+")[0]);
        assertTrue(auc >= 0.75, "AUC on the deals closed last: " + trained);
        assertTrue(auc > baseline, "beats average overall_score alone: " + trained);

        Result retrain = lakeCommand("model", "train");
        assertEquals(0, retrain.exitCode(), retrain.output());
        assertTrue(retrain.output().contains("champion stays version 1"), retrain.output());
        assertEquals(trained, modelMetrics(retrain.output()), "the same seed on the same data gives the same metrics");
    }

    /** The metrics a training printed, by model: the text after the model's name on its line. */
    private static Map<String, String> modelMetrics(String output) {
        Map<String, String> metrics = new TreeMap<>();
        Matcher line = Pattern.compile("(?m)^(logistic_regression|gradient_boosted_trees|baseline \\(avg overall_score\\))"
                + "(( +[0-9.]+){4})$").matcher(output);
        while (line.find()) {
            metrics.putIfAbsent(line.group(1), line.group(2));
        }
        assertEquals(3, metrics.size(), output);
        return metrics;
    }

    @Test
    @Order(3)
    void aRedriveRepublishesEachQuarantinedRecordOnce() throws Exception {
        assertEquals(0, pipeline.run(COMMAND_TIMEOUT, "kafka", "start").exitCode());
        long quarantined = truth().get("quarantine.INVALID_DURATION");

        Result first = pipeline.run(COMMAND_TIMEOUT, "quarantine", "redrive", "--reason", "INVALID_DURATION");

        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("republished " + quarantined + " records"), first.output());
        List<ConsumerRecord<byte[], byte[]>> redriven = redriven();
        assertEquals(quarantined, redriven.size());
        for (ConsumerRecord<byte[], byte[]> record : redriven) {
            String[] origin = header(record, REDRIVEN_FROM).split("/");
            ConsumerRecord<byte[], byte[]> original = records(origin[0]).stream()
                    .filter(r -> r.partition() == Integer.parseInt(origin[1]) && r.offset() == Long.parseLong(origin[2]))
                    .findFirst().orElseThrow();
            assertEquals(new String(original.value(), StandardCharsets.UTF_8), new String(record.value(), StandardCharsets.UTF_8));
        }

        Result second = pipeline.run(COMMAND_TIMEOUT, "quarantine", "redrive", "--reason", "INVALID_DURATION");
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("republished 0 records"), second.output());
        assertEquals(quarantined, redriven().size());

        // Unfixed, the republished records are quarantined again; they are still not redriven twice.
        assertEquals(0, pipeline.run(COMMAND_TIMEOUT, "streams", "--until-idle").exitCode());
        Result third = pipeline.run(COMMAND_TIMEOUT, "quarantine", "redrive", "--reason", "INVALID_DURATION");
        assertTrue(third.output().contains("republished 0 records"), third.output());
        assertEquals(quarantined, redriven().size());
    }

    private static TreeMap<String, Long> truth() throws Exception {
        return JSON.readValue(demoDir.resolve("truth.json").toFile(), new TypeReference<>() {
        });
    }

    private static List<ConsumerRecord<byte[], byte[]>> redriven() {
        return Stream.concat(records("conversations.raw").stream(), records("signals.raw").stream())
                .filter(record -> record.headers().lastHeader(REDRIVEN_FROM) != null).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Every committed record of a topic, from its start to its current end. */
    private static List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", "127.0.0.1:" + port);
        properties.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        records.sort(Comparator.comparing(ConsumerRecord<byte[], byte[]>::partition).thenComparing(ConsumerRecord::offset));
        return records;
    }
}
