package io.callsignal.dedup;

import io.callsignal.ingest.CanonicalJson;
import io.callsignal.metrics.Accounting;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.quarantine.Outcome;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.quarantine.Violation;
import io.callsignal.raw.RawRecord;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Per signal_id, the newest evaluation wins: a newer evaluated_at passes, an older one is dropped
 * as stale, the same one is a duplicate when its content matches and a CONFLICTING_DUPLICATE when
 * it does not.
 */
public final class SignalDeduplicator implements Processor<String, Signal, String, Outcome<Signal>> {

    public static final String STORE = "signal-dedup";

    private final Duration retention;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, Outcome<Signal>> context;
    private DedupStore<SignalState> states;
    private Accounting accounting;

    public SignalDeduplicator(Duration retention, PipelineMetrics metrics) {
        this.retention = retention;
        this.metrics = metrics;
    }

    public static StoreBuilder<WindowStore<String, SignalState>> store(Duration retention) {
        return DedupStore.builder(STORE, retention, SignalState.class);
    }

    @Override
    public void init(ProcessorContext<String, Outcome<Signal>> context) {
        this.context = context;
        this.states = new DedupStore<>(context.getStateStore(STORE), retention);
        this.accounting = Accounting.of(context, metrics);
    }

    @Override
    public void process(Record<String, Signal> record) {
        Signal signal = record.value();
        SignalState incoming = SignalState.of(signal);
        KeyValue<Long, SignalState> previous = states.latest(record.key(), record.timestamp());
        if (previous == null || incoming.evaluatedAt() > previous.value.evaluatedAt()) {
            states.put(record.key(), incoming, record.timestamp(), previous);
            accounting.valid(Entity.SIGNAL);
            context.forward(record.withValue(new Outcome.Valid<>(signal)));
        } else if (incoming.evaluatedAt() < previous.value.evaluatedAt()) {
            accounting.dropped(Entity.SIGNAL, PipelineMetrics.Drop.STALE);
        } else if (incoming.content() == previous.value.content()) {
            accounting.dropped(Entity.SIGNAL, PipelineMetrics.Drop.DUPLICATE);
        } else {
            QuarantineRecord conflict = conflict(record);
            accounting.quarantined(Entity.SIGNAL, Reason.CONFLICTING_DUPLICATE);
            context.forward(record.withKey(conflict.coordinates()).withValue(new Outcome.Quarantined<>(conflict)));
        }
    }

    /** The conflicting signal as canonical JSON, at the coordinates of the raw record it came from. */
    private QuarantineRecord conflict(Record<String, Signal> record) {
        Signal signal = record.value();
        SourceRecord source = signal.getSource();
        RawRecord origin = new RawRecord(source.getTopic(), source.getPartition(), source.getOffset(),
                source.getTimestamp().toEpochMilli(), null, CanonicalJson.of(signal), record.headers());
        Violation violation = Violation.of(Reason.CONFLICTING_DUPLICATE, "signal_id " + signal.getSignalId()
                + " was already evaluated at " + signal.getEvaluatedAt() + " with different content");
        return QuarantineRecord.of(Entity.SIGNAL, violation, origin, source.getIndex(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }
}
