package io.callsignal.config;

import java.time.Duration;
import java.util.List;

/** Settings both apps read: where Kafka and the lake are, and what the pipeline's topics are called. */
public final class CommonSettings {

    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = Setting.text("KAFKA_BOOTSTRAP_SERVERS",
            "127.0.0.1:9092", "Kafka brokers to connect to, host:port[,host:port...].");
    public static final Setting<Duration> KAFKA_CONNECT_TIMEOUT = Setting.duration("KAFKA_CONNECT_TIMEOUT", "15s",
            "How long a command tries to reach a broker at any of KAFKA_BOOTSTRAP_SERVERS before it stops, saying which"
                    + " addresses it could not reach.");
    public static final Setting<String> LAKE_ROOT = Setting.text("LAKE_ROOT",
            "./lake", "Directory or object-store URI under which the Delta tables and sink checkpoints live.");
    public static final Setting<String> TOPIC_CONVERSATIONS_RAW = Setting.text("TOPIC_CONVERSATIONS_RAW",
            "conversations.raw", "Input topic: conversation JSON as the recorders publish it.");
    public static final Setting<String> TOPIC_SIGNALS_RAW = Setting.text("TOPIC_SIGNALS_RAW",
            "signals.raw", "Input topic: signal JSON as the evaluation service publishes it.");
    public static final Setting<String> TOPIC_DEALS_RAW = Setting.text("TOPIC_DEALS_RAW",
            "deals.raw", "Input topic: CRM deal changes as JSON (Salesforce Opportunity records, HubSpot deal webhooks, canonical).");
    public static final Setting<String> TOPIC_CONVERSATIONS_VALID = Setting.text("TOPIC_CONVERSATIONS_VALID",
            "conversations.valid", "Output topic: validated, deduplicated conversations (Avro single-object), keyed by call_id.");
    public static final Setting<String> TOPIC_SIGNALS_VALID = Setting.text("TOPIC_SIGNALS_VALID",
            "signals.valid", "Output topic: validated, deduplicated signals (Avro single-object), keyed by signal_id.");
    public static final Setting<String> TOPIC_DEALS_VALID = Setting.text("TOPIC_DEALS_VALID",
            "deals.valid", "Output topic: validated, deduplicated deal changes (Avro single-object), keyed by deal_id.");
    public static final Setting<String> TOPIC_QUARANTINE = Setting.text("TOPIC_QUARANTINE",
            "quarantine", "Output topic: every rejected record as JSON, with its reason, original bytes and source coordinates.");
    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.positiveInt("TOPIC_PARTITIONS",
            "3", "Partitions of each pipeline topic when `topics create` makes it; the streams app's parallelism.");
    public static final Setting<Integer> TOPIC_REPLICATION_FACTOR = Setting.positiveInt("TOPIC_REPLICATION_FACTOR",
            "1", "Replication factor of each pipeline topic when `topics create` makes it (3 in production).");
    public static final Setting<Duration> FUTURE_TIMESTAMP_SKEW = Setting.duration("FUTURE_TIMESTAMP_SKEW", "5m",
            "How far ahead a timestamp may be before it is FUTURE_TIMESTAMP: of the streams app's clock, and at the"
                    + " sink of the event's arrival (the typed record's timestamp).");

    public static final List<Setting<?>> ALL = List.of(KAFKA_BOOTSTRAP_SERVERS, KAFKA_CONNECT_TIMEOUT, LAKE_ROOT,
            TOPIC_CONVERSATIONS_RAW, TOPIC_SIGNALS_RAW, TOPIC_DEALS_RAW, TOPIC_CONVERSATIONS_VALID, TOPIC_SIGNALS_VALID,
            TOPIC_DEALS_VALID, TOPIC_QUARANTINE, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR, FUTURE_TIMESTAMP_SKEW);

    private CommonSettings() {
    }
}
