package io.callsignal.failures;

import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.quarantine.Violation;
import io.callsignal.raw.RawRecord;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import io.callsignal.topics.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Turns a failure Kafka Streams hands to an exception handler into a record for the quarantine
 * topic, in the same format as every other rejection, with the source record's original bytes.
 * The handlers get it through their configuration under {@link #CONFIG_KEY}.
 */
public final class QuarantineFailures {

    public static final String CONFIG_KEY = "callsignal.quarantine.failures";

    private final Topic<String, QuarantineRecord> quarantine;
    private final Function<String, Entity> entityOfTopic;
    private final Predicate<String> rawTopic;
    private final PipelineMetrics metrics;

    public QuarantineFailures(Topic<String, QuarantineRecord> quarantine, Function<String, Entity> entityOfTopic,
            Predicate<String> rawTopic, PipelineMetrics metrics) {
        this.quarantine = quarantine;
        this.entityOfTopic = entityOfTopic;
        this.rawTopic = rawTopic;
        this.metrics = metrics;
    }

    static QuarantineFailures from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG_KEY);
        if (!(value instanceof QuarantineFailures failures)) {
            throw new IllegalStateException(CONFIG_KEY + " is not configured: build the streams properties with StreamsProperties");
        }
        return failures;
    }

    /** The quarantine record for a failure at the context's source record, ready for the dead-letter list. */
    List<ProducerRecord<byte[], byte[]>> record(ErrorHandlerContext context, Reason reason, Exception exception) {
        Entity entity = entityOfTopic.apply(context.topic());
        RawRecord raw = new RawRecord(context.topic(), context.partition(), context.offset(), context.timestamp(),
                context.sourceRawKey(), context.sourceRawValue(), context.headers());
        QuarantineRecord record = QuarantineRecord.of(entity,
                Violation.of(reason, "at processor " + context.processorNodeId() + ": " + exception),
                raw, null, Instant.now());
        // A record that failed in ingest was never counted as input; one read from an internal topic was.
        metrics.handled(entity, reason, rawTopic.test(context.topic()));
        return List.of(new ProducerRecord<>(quarantine.name(), null,
                quarantine.keySerde().serializer().serialize(quarantine.name(), record.coordinates()),
                quarantine.valueSerde().serializer().serialize(quarantine.name(), record)));
    }
}
