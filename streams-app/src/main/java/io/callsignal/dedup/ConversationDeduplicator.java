package io.callsignal.dedup;

import io.callsignal.metrics.Accounting;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.quarantine.Outcome;
import io.callsignal.rejection.Entity;
import io.callsignal.schema.Conversation;
import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;

/** Passes on a conversation (or a partial update) only when it tells something new about its call. */
public final class ConversationDeduplicator implements Processor<String, Conversation, String, Outcome<Conversation>> {

    public static final String STORE = "conversation-dedup";

    private final Duration retention;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, Outcome<Conversation>> context;
    private DedupStore<ConversationState> states;
    private Accounting accounting;

    public ConversationDeduplicator(Duration retention, PipelineMetrics metrics) {
        this.retention = retention;
        this.metrics = metrics;
    }

    public static StoreBuilder<WindowStore<String, ConversationState>> store(Duration retention) {
        return DedupStore.builder(STORE, retention, ConversationState.class);
    }

    @Override
    public void init(ProcessorContext<String, Outcome<Conversation>> context) {
        this.context = context;
        this.states = new DedupStore<>(context.getStateStore(STORE), retention);
        this.accounting = Accounting.of(context, metrics);
    }

    @Override
    public void process(Record<String, Conversation> record) {
        KeyValue<Long, ConversationState> previous = states.latest(record.key(), record.timestamp());
        ConversationState update = ConversationState.of(record.value());
        if (previous != null && previous.value.covers(update)) {
            accounting.dropped(Entity.CONVERSATION, PipelineMetrics.Drop.DUPLICATE);
            return;
        }
        states.put(record.key(), previous == null ? update : previous.value.merge(update), record.timestamp(), previous);
        accounting.valid(Entity.CONVERSATION);
        context.forward(record.withValue(new Outcome.Valid<>(record.value())));
    }
}
