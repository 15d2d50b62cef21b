package io.callsignal.app;

import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Local state is a copy of the app's changelog topics. A reset (replay) deletes those topics and the
 * app creates them anew at its next start; restored from a copy of the old ones, dedup would
 * remember what the replay must emit again, and Kafka Streams only warns about it. So the guard
 * keeps the topic ids of the changelogs next to the state: state whose changelogs are gone or were
 * replaced is stale, and the ids are written again once the app runs on the changelogs as they are.
 */
final class LocalStateGuard {

    private static final String RECORD = "callsignal-changelogs.properties";

    private final Path record;
    private final List<String> changelogs;

    LocalStateGuard(Config config, Topology topology) {
        String application = config.get(StreamsSettings.APPLICATION_ID);
        record = Path.of(config.get(StreamsSettings.STATE_DIR)).resolve(application).resolve(RECORD);
        // Kafka Streams names a store's changelog <application.id>-<store>-changelog.
        changelogs = topology.describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Processor.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .distinct().sorted().map(store -> application + "-" + store + "-changelog").toList();
    }

    /**
     * True if the local state was built from a changelog that no longer exists as it was. State
     * without a record (first start, or a crash before the app ran) is kept.
     */
    boolean stale(Admin admin) throws IOException, InterruptedException {
        if (!Files.exists(record)) {
            return false;
        }
        Properties recorded = new Properties();
        try (Reader in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
            recorded.load(in);
        }
        Map<String, String> current = topicIds(admin);
        return recorded.stringPropertyNames().stream()
                .anyMatch(changelog -> !Objects.equals(recorded.getProperty(changelog), current.get(changelog)));
    }

    /** Writes the ids of the changelogs the state now mirrors. */
    void record(Admin admin) throws IOException, InterruptedException {
        Properties ids = new Properties();
        ids.putAll(topicIds(admin));
        Path written = record.resolveSibling(RECORD + ".tmp");
        Files.createDirectories(record.getParent());
        try (Writer out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
            ids.store(out, "the changelog topics this local state mirrors (callsignal)");
        }
        Files.move(written, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops the record with the state it described. */
    void forget() throws IOException {
        Files.deleteIfExists(record);
    }

    Path directory() {
        return record.getParent();
    }

    /** Topic id of each changelog that exists. */
    private Map<String, String> topicIds(Admin admin) throws InterruptedException {
        Map<String, String> ids = new HashMap<>();
        for (var described : admin.describeTopics(changelogs).topicNameValues().entrySet()) {
            try {
                ids.put(described.getKey(), described.getValue().get().topicId().toString());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe " + described.getKey(), e.getCause());
                }
            }
        }
        return ids;
    }
}
