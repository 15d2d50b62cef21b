package io.callsignal.topics;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.quarantine.RedriveMarker;
import io.callsignal.rejection.Entity;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/** The pipeline's topics, each bound once to its name (from config) and its serdes. */
public final class Topics {

    /** Internal repartition topics (Kafka Streams prefixes them with the application id and suffixes -repartition). */
    public static final String CONVERSATIONS_BY_ID = "conversations-by-call-id";
    public static final String SIGNALS_BY_ID = "signals-by-signal-id";
    public static final String DEALS_BY_ID = "deals-by-deal-id";

    /** Raw topics keep keys and values as the producer's bytes: nothing may be lost before validation. */
    public final Topic<byte[], byte[]> conversationsRaw;
    public final Topic<byte[], byte[]> signalsRaw;
    public final Topic<byte[], byte[]> dealsRaw;
    public final Topic<String, Conversation> conversationsValid;
    public final Topic<String, Signal> signalsValid;
    public final Topic<String, Deal> dealsValid;
    public final Topic<String, QuarantineRecord> quarantine;
    /** Keyed by a redriven record's source coordinates; compacted, so it keeps one marker per record. */
    public final Topic<String, RedriveMarker> redrives;
    public final RecordSizes sizes;
    private final String applicationId;

    private Topics(Config config, SchemaHistory history) {
        conversationsRaw = new Topic<>(config.get(CommonSettings.TOPIC_CONVERSATIONS_RAW),
                Serdes.ByteArray(), Serdes.ByteArray());
        signalsRaw = new Topic<>(config.get(CommonSettings.TOPIC_SIGNALS_RAW), Serdes.ByteArray(), Serdes.ByteArray());
        dealsRaw = new Topic<>(config.get(CommonSettings.TOPIC_DEALS_RAW), Serdes.ByteArray(), Serdes.ByteArray());
        conversationsValid = new Topic<>(config.get(CommonSettings.TOPIC_CONVERSATIONS_VALID),
                Serdes.String(), new EventSerde<>(SingleObjectCodec.conversations(history)));
        signalsValid = new Topic<>(config.get(CommonSettings.TOPIC_SIGNALS_VALID),
                Serdes.String(), new EventSerde<>(SingleObjectCodec.signals(history)));
        dealsValid = new Topic<>(config.get(CommonSettings.TOPIC_DEALS_VALID),
                Serdes.String(), new EventSerde<>(SingleObjectCodec.deals(history)));
        quarantine = new Topic<>(config.get(CommonSettings.TOPIC_QUARANTINE), Serdes.String(),
                new JsonSerde<>(QuarantineRecord.class));
        redrives = new Topic<>(config.get(StreamsSettings.TOPIC_REDRIVES), Serdes.String(),
                new JsonSerde<>(RedriveMarker.class));
        sizes = RecordSizes.from(config);
        applicationId = config.get(StreamsSettings.APPLICATION_ID);
    }

    public static Topics from(Config config, SchemaHistory history) {
        return new Topics(config, history);
    }

    /** The entity a source topic carries: a raw topic, or an internal one of its lane. */
    public Entity entityOf(String topic) {
        if (topic.equals(conversationsRaw.name()) || topic.contains(CONVERSATIONS_BY_ID)) {
            return Entity.CONVERSATION;
        }
        return topic.equals(dealsRaw.name()) || topic.contains(DEALS_BY_ID) ? Entity.DEAL : Entity.SIGNAL;
    }

    public List<Topic<?, ?>> all() {
        return List.of(conversationsRaw, signalsRaw, dealsRaw, conversationsValid, signalsValid, dealsValid, quarantine,
                redrives);
    }

    /** Topic configs that differ from the broker's defaults, by topic name. */
    public Map<String, Map<String, String>> configs() {
        Map<String, Map<String, String>> configs = new HashMap<>();
        for (Topic<?, ?> topic : all()) {
            configs.put(topic.name(), new HashMap<>(sizes.topicConfig(isRaw(topic.name()))));
        }
        configs.get(redrives.name()).put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return configs;
    }

    /** The internal topics records pass through on their way (Kafka Streams names them so). */
    public List<String> repartitionTopics() {
        return List.of(applicationId + "-" + CONVERSATIONS_BY_ID + "-repartition",
                applicationId + "-" + SIGNALS_BY_ID + "-repartition",
                applicationId + "-" + DEALS_BY_ID + "-repartition");
    }

    /** The {@code max.message.bytes} each topic records pass through needs, internal ones included. */
    public Map<String, Long> maxMessageBytes() {
        Map<String, Long> limits = new TreeMap<>();
        configs().forEach((topic, configs) ->
                limits.put(topic, Long.parseLong(configs.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG))));
        repartitionTopics().forEach(topic -> limits.put(topic, (long) sizes.recordBytes()));
        return limits;
    }

    public boolean isRaw(String topic) {
        return rawTopics().contains(topic);
    }

    /** The topics producers write, one per lane. */
    public List<String> rawTopics() {
        return List.of(conversationsRaw.name(), signalsRaw.name(), dealsRaw.name());
    }
}
