package io.callsignal.redrive;

import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.quarantine.RedriveMarker;
import io.callsignal.raw.HeaderText;
import io.callsignal.rejection.Reason;
import io.callsignal.topics.TopicSnapshot;
import io.callsignal.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Republishes quarantined records to their raw topic after a fix, so the streams app judges them
 * again. Each is republished once: the republished records and a marker per quarantined unit on the
 * redrives topic are written in one Kafka transaction, and units with a marker are skipped. The
 * transactional id fences a concurrent redrive before this one reads the markers.
 */
public final class QuarantineRedrive {

    /** Header on a republished record: the source coordinates of the original. */
    public static final String REDRIVEN_FROM_HEADER = "callsignal_redriven_from";

    /** What a redrive found among the matching quarantine records, counted in units (quarantine records). */
    public record Result(int republishedRecords, int units, int alreadyRedriven, int withoutPayload,
            int notFromRawTopic) {
    }

    /** The units of one original record: republished once, marked each. */
    private record Republish(QuarantineRecord record, byte[] payload, String origin, Set<String> units) {
    }

    private final Config config;
    private final Topics topics;
    private final Clock clock;

    public QuarantineRedrive(Config config, Topics topics, Clock clock) {
        this.config = config;
        this.topics = topics;
        this.clock = clock;
    }

    public Result run(Reason reason, Instant since, boolean dryRun) {
        Map<String, Object> properties = new HashMap<>(config.kafkaClient());
        properties.putAll(topics.sizes.producer());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "callsignal-redrive-" + config.get(StreamsSettings.APPLICATION_ID));
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            Set<String> marked = markedUnits();
            Set<String> rawTopics = Set.of(topics.conversationsRaw.name(), topics.signalsRaw.name());
            List<QuarantineRecord> matching = quarantined(record -> record.reason() == reason
                    && (since == null || !record.quarantinedAt().isBefore(since)));
            Map<String, QuarantineRecord> holders = payloadHolders(matching);
            Map<String, Republish> todo = new LinkedHashMap<>();
            int already = 0;
            int withoutPayload = 0;
            int notRaw = 0;
            for (QuarantineRecord record : matching) {
                String origin = origin(record);
                String unit = origin + (record.index() == null ? "" : "#" + record.index());
                QuarantineRecord holder = record.payloadIn() == null ? record : holders.get(record.payloadIn());
                if (!rawTopics.contains(record.sourceTopic())) {
                    notRaw++;
                } else if (holder == null || holder.originalPayload() == null) {
                    withoutPayload++;
                } else if (marked.contains(unit)) {
                    already++;
                } else {
                    // Elements of one record share its bytes (a batch); a conflict's payload is its own signal.
                    String group = origin + "|" + (holder.payload() != null ? holder.payload() : holder.payloadBase64());
                    todo.computeIfAbsent(group, g -> new Republish(record, holder.originalPayload(), origin,
                            new LinkedHashSet<>())).units().add(unit);
                }
            }
            if (!dryRun && !todo.isEmpty()) {
                Instant now = clock.instant();
                producer.beginTransaction();
                for (Republish republish : todo.values()) {
                    producer.send(republished(republish));
                    for (String unit : republish.units()) {
                        producer.send(new ProducerRecord<>(topics.redrives.name(), bytes(unit),
                                topics.redrives.valueSerde().serializer().serialize(topics.redrives.name(),
                                        new RedriveMarker(reason, republish.record().quarantinedAt(), now))));
                    }
                }
                producer.commitTransaction();
            }
            int units = todo.values().stream().mapToInt(r -> r.units().size()).sum();
            return new Result(todo.size(), units, already, withoutPayload, notRaw);
        }
    }

    private List<QuarantineRecord> quarantined(Predicate<QuarantineRecord> filter) {
        List<QuarantineRecord> found = new ArrayList<>();
        TopicSnapshot.read(config, topics.quarantine.name(), message -> {
            QuarantineRecord record = topics.quarantine.valueSerde().deserializer()
                    .deserialize(message.topic(), message.value());
            if (filter.test(record)) {
                found.add(record);
            }
            return true;
        });
        return found;
    }

    /** The quarantine records carrying the bytes that other elements of their record only name. */
    private Map<String, QuarantineRecord> payloadHolders(List<QuarantineRecord> records) {
        Set<String> named = new HashSet<>();
        records.forEach(record -> {
            if (record.payloadIn() != null) {
                named.add(record.payloadIn());
            }
        });
        Map<String, QuarantineRecord> holders = new HashMap<>();
        if (!named.isEmpty()) {
            quarantined(record -> named.contains(record.coordinates()))
                    .forEach(holder -> holders.put(holder.coordinates(), holder));
        }
        return holders;
    }

    private Set<String> markedUnits() {
        Set<String> marked = new HashSet<>();
        TopicSnapshot.read(config, topics.redrives.name(), message -> {
            if (message.value() != null) {
                marked.add(new String(message.key(), StandardCharsets.UTF_8));
            }
            return true;
        });
        return marked;
    }

    /** The original record's coordinates; for a record that was itself a redrive, those of the first original. */
    private static String origin(QuarantineRecord record) {
        String from = record.header(REDRIVEN_FROM_HEADER);
        return from != null ? from : record.sourceRecord();
    }

    private static ProducerRecord<byte[], byte[]> republished(Republish republish) {
        QuarantineRecord record = republish.record();
        var message = new ProducerRecord<>(record.sourceTopic(), record.originalKey(), republish.payload());
        if (record.headers() != null) {
            for (HeaderText header : record.headers()) {
                if (!header.key().equals(REDRIVEN_FROM_HEADER)) {
                    message.headers().add(header.key(), header.bytes());
                }
            }
        }
        message.headers().add(REDRIVEN_FROM_HEADER, bytes(republish.origin()));
        return message;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
