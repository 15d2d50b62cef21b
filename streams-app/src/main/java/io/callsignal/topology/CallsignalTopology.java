package io.callsignal.topology;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.dedup.ConversationDeduplicator;
import io.callsignal.dedup.DealDeduplicator;
import io.callsignal.dedup.SignalDeduplicator;
import io.callsignal.ingest.Adapters;
import io.callsignal.ingest.IngestProcessor;
import io.callsignal.metrics.Accounting;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.quarantine.Outcome;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.rejection.Entity;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import io.callsignal.topics.Topic;
import io.callsignal.topics.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The streams app's graph, built from configuration alone so that tests drive the very graph
 * production runs. Per entity: raw bytes, then ingest (parse, adapt, validate), then repartition by
 * id, then dedup, then the valid topic; every rejection on the way goes to the quarantine topic.
 * Processor, store and repartition names are fixed: they name internal topics, which must survive
 * upgrades.
 */
public final class CallsignalTopology {

    private CallsignalTopology() {
    }

    public static Topology build(Config config, PipelineMetrics metrics) {
        Topics topics = Topics.from(config, SchemaHistory.bundled());
        Duration retention = config.get(StreamsSettings.DEDUP_RETENTION);
        long maxPayload = config.get(StreamsSettings.MAX_PAYLOAD_BYTES);
        Duration skew = config.get(CommonSettings.FUTURE_TIMESTAMP_SKEW);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Accounting.store());

        KStream<String, QuarantineRecord> conversationRejects = lane(builder, "conversations", topics.conversationsRaw,
                topics.conversationsValid, Topics.CONVERSATIONS_BY_ID,
                () -> new IngestProcessor<>(new IngestProcessor.Lane<>(Entity.CONVERSATION, Adapters.conversations(),
                        Conversation::getCallId, Conversation::getRescuedData), maxPayload, skew, metrics),
                ConversationDeduplicator.store(retention),
                () -> new ConversationDeduplicator(retention, metrics));
        KStream<String, QuarantineRecord> signalRejects = lane(builder, "signals", topics.signalsRaw,
                topics.signalsValid, Topics.SIGNALS_BY_ID,
                () -> new IngestProcessor<>(new IngestProcessor.Lane<>(Entity.SIGNAL, Adapters.signals(),
                        Signal::getSignalId, Signal::getRescuedData), maxPayload, skew, metrics),
                SignalDeduplicator.store(retention),
                () -> new SignalDeduplicator(retention, metrics));

        KStream<String, QuarantineRecord> dealRejects = lane(builder, "deals", topics.dealsRaw,
                topics.dealsValid, Topics.DEALS_BY_ID,
                () -> new IngestProcessor<>(new IngestProcessor.Lane<>(Entity.DEAL, Adapters.deals(),
                        Deal::getDealId, Deal::getRescuedData), maxPayload, skew, metrics),
                DealDeduplicator.store(retention),
                () -> new DealDeduplicator(retention, metrics));

        conversationRejects.merge(signalRejects, Named.as("all-rejects"))
                .merge(dealRejects, Named.as("all-rejects-and-deals"))
                .to(topics.quarantine.name(), topics.quarantine.produced());
        return builder.build();
    }

    /** One entity's path from its raw topic to its valid topic; returns what it rejected. */
    private static <T> KStream<String, QuarantineRecord> lane(StreamsBuilder builder, String name,
            Topic<byte[], byte[]> raw, Topic<String, T> valid, String repartitionName,
            ProcessorSupplier<byte[], byte[], String, Outcome<T>> ingest,
            StoreBuilder<?> dedupStore, ProcessorSupplier<String, T, String, Outcome<T>> dedup) {
        builder.addStateStore(dedupStore);
        Split<T> ingested = split(builder.stream(raw.name(), raw.consumed())
                .process(ingest, Named.as("ingest-" + name), Accounting.STORE), "ingested-" + name);
        Split<T> deduplicated = split(ingested.valid()
                .repartition(Repartitioned.with(valid.keySerde(), valid.valueSerde()).withName(repartitionName))
                .process(dedup, Named.as("dedup-" + name), dedupStore.name(), Accounting.STORE),
                "deduplicated-" + name);
        deduplicated.valid().to(valid.name(), valid.produced());
        return ingested.quarantined().merge(deduplicated.quarantined(), Named.as("rejects-" + name));
    }

    private record Split<T>(KStream<String, T> valid, KStream<String, QuarantineRecord> quarantined) {
    }

    @SuppressWarnings("unchecked")
    private static <T> Split<T> split(KStream<String, Outcome<T>> outcomes, String name) {
        Map<String, KStream<String, Outcome<T>>> branches = outcomes.split(Named.as(name + "-"))
                .branch((key, outcome) -> outcome instanceof Outcome.Valid, Branched.as("valid"))
                .defaultBranch(Branched.as("quarantined"));
        return new Split<>(
                branches.get(name + "-valid").mapValues(outcome -> ((Outcome.Valid<T>) outcome).event(),
                        Named.as(name + "-events")),
                branches.get(name + "-quarantined").mapValues(
                        outcome -> ((Outcome.Quarantined<T>) outcome).record(), Named.as(name + "-rejects")));
    }
}
