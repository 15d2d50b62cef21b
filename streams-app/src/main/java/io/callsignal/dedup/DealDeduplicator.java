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
import io.callsignal.schema.Deal;
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
 * Per deal_id and field, the newest updated_at wins: a change that sets any field later than known
 * passes; one that only repeats what is known is a duplicate, one that is only older is stale; one
 * that sets a field at the same updated_at to another value is a CONFLICTING_DUPLICATE.
 */
public final class DealDeduplicator implements Processor<String, Deal, String, Outcome<Deal>> {

    public static final String STORE = "deal-dedup";

    private final Duration retention;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, Outcome<Deal>> context;
    private DedupStore<DealState> states;
    private Accounting accounting;

    public DealDeduplicator(Duration retention, PipelineMetrics metrics) {
        this.retention = retention;
        this.metrics = metrics;
    }

    public static StoreBuilder<WindowStore<String, DealState>> store(Duration retention) {
        return DedupStore.builder(STORE, retention, DealState.class);
    }

    @Override
    public void init(ProcessorContext<String, Outcome<Deal>> context) {
        this.context = context;
        this.states = new DedupStore<>(context.getStateStore(STORE), retention);
        this.accounting = Accounting.of(context, metrics);
    }

    @Override
    public void process(Record<String, Deal> record) {
        DealState change = DealState.of(record.value());
        KeyValue<Long, DealState> previous = states.latest(record.key(), record.timestamp());
        DealState.Verdict verdict = previous == null ? DealState.Verdict.NEWER : previous.value.judge(change);
        switch (verdict) {
            case NEWER -> {
                states.put(record.key(), previous == null ? change : previous.value.merge(change), record.timestamp(),
                        previous);
                accounting.valid(Entity.DEAL);
                context.forward(record.withValue(new Outcome.Valid<>(record.value())));
            }
            case SAME -> accounting.dropped(Entity.DEAL, PipelineMetrics.Drop.DUPLICATE);
            case STALE -> accounting.dropped(Entity.DEAL, PipelineMetrics.Drop.STALE);
            case CONFLICTING -> {
                QuarantineRecord conflict = conflict(record);
                accounting.quarantined(Entity.DEAL, Reason.CONFLICTING_DUPLICATE);
                context.forward(record.withKey(conflict.coordinates()).withValue(new Outcome.Quarantined<>(conflict)));
            }
        }
    }

    /** The conflicting change as canonical JSON, at the coordinates of the raw record it came from. */
    private QuarantineRecord conflict(Record<String, Deal> record) {
        Deal deal = record.value();
        SourceRecord source = deal.getSource();
        RawRecord origin = new RawRecord(source.getTopic(), source.getPartition(), source.getOffset(),
                source.getTimestamp().toEpochMilli(), null, CanonicalJson.of(deal), record.headers());
        Violation violation = Violation.of(Reason.CONFLICTING_DUPLICATE, "deal_id " + deal.getDealId()
                + " was already changed at " + deal.getUpdatedAt() + " with another value of a field this change sets");
        return QuarantineRecord.of(Entity.DEAL, violation, origin, source.getIndex(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }
}
