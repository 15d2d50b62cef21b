package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.metrics.Accounting;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.quarantine.Outcome;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.raw.RawRecord;
import io.callsignal.rejection.Entity;
import io.callsignal.validate.PayloadRules;
import io.callsignal.validate.TimestampRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads one raw record into its units: each becomes a typed event keyed by its id, or a
 * quarantine record keyed by its source coordinates. Nothing a producer sends can make it throw.
 * Every output is stamped with its arrival (this processor's wall clock), not the producer's
 * record timestamp: dedup downstream remembers by that time, which no producer clock can move.
 */
public final class IngestProcessor<T> implements Processor<byte[], byte[], String, Outcome<T>> {

    /** What differs between the lanes (conversations, signals, deals). */
    public record Lane<T>(Entity entity, Adapters<T> adapters, Function<T, String> key,
            Function<T, String> rescuedData) {
    }

    private final Lane<T> lane;
    private final long maxPayloadBytes;
    private final Duration futureSkew;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, Outcome<T>> context;
    private Accounting accounting;

    public IngestProcessor(Lane<T> lane, long maxPayloadBytes, Duration futureSkew, PipelineMetrics metrics) {
        this.lane = lane;
        this.maxPayloadBytes = maxPayloadBytes;
        this.futureSkew = futureSkew;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Outcome<T>> context) {
        this.context = context;
        this.accounting = Accounting.of(context, metrics);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        RawRecord raw = new RawRecord(origin.topic(), origin.partition(), origin.offset(), record.timestamp(),
                record.key(), record.value(), record.headers());
        long arrival = context.currentSystemTimeMs();
        Instant now = Instant.ofEpochMilli(arrival);
        Record<byte[], byte[]> arrived = record.withTimestamp(arrival);
        List<Extracted<T>> units = extract(raw, now);
        accounting.input(lane.entity(), Math.max(1, units.size()));
        if (units.isEmpty()) {
            accounting.dropped(lane.entity(), PipelineMetrics.Drop.EMPTY);
            return;
        }
        String payloadIn = null;
        for (Extracted<T> unit : units) {
            if (unit instanceof Extracted.Event<T> valid) {
                if (lane.rescuedData().apply(valid.event()) != null) {
                    metrics.rescued(lane.entity());
                }
                context.forward(arrived.withKey(lane.key().apply(valid.event())).withValue(new Outcome.Valid<>(valid.event())));
            } else if (unit instanceof Extracted.Failure<T> failure) {
                // The record's bytes go to the quarantine once, with its first rejected unit.
                QuarantineRecord rejected = QuarantineRecord.of(lane.entity(), failure.violation(), raw,
                        failure.index(), now, payloadIn);
                payloadIn = payloadIn == null ? rejected.coordinates() : payloadIn;
                accounting.quarantined(lane.entity(), failure.violation().reason());
                context.forward(arrived.withKey(rejected.coordinates()).withValue(new Outcome.Quarantined<>(rejected)));
            }
        }
    }

    private List<Extracted<T>> extract(RawRecord raw, Instant now) {
        try {
            PayloadRules.checkSize(raw.value(), maxPayloadBytes);
            JsonNode root = JsonPayloads.parseContainer(raw.value());
            Extraction extraction = new Extraction(raw, new TimestampRules(now, futureSkew));
            return lane.adapters().select(root, extraction.headerPlatform()).extract(root, extraction);
        } catch (RejectedException e) {
            return List.of(new Extracted.Failure<>(e.violation(), null));
        }
    }
}
