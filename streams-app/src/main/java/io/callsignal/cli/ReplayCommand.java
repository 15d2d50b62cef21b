package io.callsignal.cli;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.command.ConfigOption;
import io.callsignal.command.ReplayPointConverter;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.replay.ReplayPoint;
import io.callsignal.topics.Topics;
import io.callsignal.topology.CallsignalTopology;
import io.callsignal.topology.StreamsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.tools.StreamsResetter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Reset the streams app to a replay point with Kafka's streams application reset tool: the raw"
                + " topics' committed offsets, the internal topics (dedup changelogs, repartition topics) and the"
                + " local state. Every instance must be stopped; start the app again to reprocess.",
                "Dedup memory is rebuilt from the replayed records only: a record after the point that repeats one"
                + " before it passes again, which the lake's MERGE absorbs."})
final class ReplayCommand implements Callable<Integer> {

    /** The reset tool's --to-datetime format; an explicit offset keeps it independent of the local zone. */
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--from", required = true, paramLabel = "POINT", converter = ReplayPointConverter.class,
            description = "earliest, an ISO-8601 timestamp with offset, or topic:partition:offset[,...] of raw topics.")
    ReplayPoint from;

    @Option(names = "--force", description = "Remove members the stopped instances left in the consumer group"
            + " (after scaling to zero, before their session times out). Only with every instance stopped.")
    boolean force;

    @Option(names = "--dry-run", description = "Show what would be reset, change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Config config = configOption.loadReachingKafka();
        Topics topics = Topics.from(config, SchemaHistory.bundled());
        List<String> rawTopics = topics.rawTopics();
        Properties clients = new Properties();
        clients.putAll(config.kafkaClient());
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-server", clients.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
                "--application-id", config.get(StreamsSettings.APPLICATION_ID),
                "--input-topics", String.join(",", rawTopics)));
        Path offsetsFile = null;
        if (from instanceof ReplayPoint.At at) {
            args.addAll(List.of("--to-datetime", DATETIME.format(at.instant())));
        } else if (from instanceof ReplayPoint.Offsets offsets) {
            offsetsFile = offsetsFile(config, offsets, rawTopics);
            args.addAll(List.of("--from-file", offsetsFile.toString()));
        } else {
            args.add("--to-earliest");
        }
        if (force) {
            args.add("--force");
        }
        if (dryRun) {
            args.add("--dry-run");
        }
        try {
            int exit = new StreamsResetter().execute(args.toArray(String[]::new), clients);
            if (exit != 0 || dryRun) {
                return exit;
            }
        } finally {
            if (offsetsFile != null) {
                Files.deleteIfExists(offsetsFile);
            }
        }
        // The reset tool leaves local state, and stores restored from it would remember the past. Each
        // instance removes its own at its next start (LocalStateGuard); this one's goes now, with or
        // without the record the guard needs (state of a version before it has none).
        PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
        try (KafkaStreams streams = new KafkaStreams(CallsignalTopology.build(config, metrics),
                StreamsProperties.from(config, metrics))) {
            streams.cleanUp();
        }
        System.out.println("local state under " + config.get(StreamsSettings.STATE_DIR) + " removed");
        return 0;
    }

    /**
     * The reset tool's CSV (topic,partition,offset). The tool wants every partition of the input
     * topics: those not named keep the app's committed offset (the log start if it has none).
     */
    private Path offsetsFile(Config config, ReplayPoint.Offsets offsets, List<String> rawTopics) throws Exception {
        Map<TopicPartition, Long> plan = new TreeMap<>(Comparator.comparing(TopicPartition::topic)
                .thenComparing(TopicPartition::partition));
        try (Admin admin = KafkaAdmin.open(config, Duration.ofSeconds(30))) {
            List<TopicPartition> partitions = admin.describeTopics(rawTopics).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                    config.get(StreamsSettings.APPLICATION_ID)).partitionsToOffsetAndMetadata().get();
            var starts = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
                    .all().get();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata position = committed.get(partition);
                plan.put(partition, position != null ? position.offset() : starts.get(partition).offset());
            }
        }
        for (ReplayPoint.TopicOffset offset : offsets.offsets()) {
            TopicPartition partition = new TopicPartition(offset.topic(), offset.partition());
            if (!plan.containsKey(partition)) {
                throw new ParameterException(spec.commandLine(), "--from names " + offset.topic() + ":"
                        + offset.partition() + ", which is not a partition of a raw topic (" + String.join(", ", rawTopics) + ")");
            }
            plan.put(partition, offset.offset());
        }
        Path file = Files.createTempFile("callsignal-replay", ".csv");
        Files.writeString(file, plan.entrySet().stream()
                .map(e -> e.getKey().topic() + "," + e.getKey().partition() + "," + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        return file;
    }
}
