package io.callsignal.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings only the streams app reads. */
public final class StreamsSettings {

    public static final Setting<String> APPLICATION_ID = Setting.text("APPLICATION_ID", "callsignal-streams",
            "Kafka Streams application.id: the consumer group, and the prefix of internal topics. Changing it starts over.");
    public static final Setting<String> TOPIC_REDRIVES = Setting.text("TOPIC_REDRIVES", "quarantine.redrives",
            "Compacted topic remembering which quarantined records `quarantine redrive` has republished.");
    public static final Setting<String> STATE_DIR = Setting.text("STATE_DIR", "./.local/streams-state",
            "Where the dedup state stores live; a persistent volume in Kubernetes.");
    public static final Setting<Integer> HTTP_PORT = Setting.port("HTTP_PORT", "8080",
            "Port of /healthz, /readyz and /metrics (0: any free port).");
    public static final Setting<Duration> DEDUP_RETENTION = Setting.duration("DEDUP_RETENTION", "7d",
            "How long dedup remembers a call_id or signal_id, from its arrival; a repeat after that passes as new.");
    public static final Setting<Long> MAX_PAYLOAD_BYTES = Setting.byteSize("MAX_PAYLOAD_BYTES", "10MiB",
            "Largest raw value accepted; larger ones are quarantined as PAYLOAD_TOO_LARGE. Sets every record size limit"
                    + " (topics' max.message.bytes, producers, consumers), checked against the broker at start.");
    public static final Setting<Integer> NUM_STREAM_THREADS = Setting.positiveInt("NUM_STREAM_THREADS", "1",
            "Stream threads per instance; partitions beyond threads x instances wait.");
    public static final Setting<Integer> NUM_STANDBY_REPLICAS = Setting.nonNegativeInt("NUM_STANDBY_REPLICAS", "1",
            "Standby copies of each dedup store on other instances, for fast failover (needs 2+ instances to take effect).");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("COMMIT_INTERVAL", "100ms",
            "How often transactions commit: the latency floor of exactly-once output.");

    public static final Setting<Optional<String>> INSTANCE_ID = Setting.optionalText("INSTANCE_ID",
            "Static group membership (group.instance.id): a name for this instance that survives its restarts, the pod's"
                    + " name in Kubernetes, so that a restart within the session timeout takes its partitions back without"
                    + " a rebalance. Empty: dynamic membership.");
    public static final Setting<Long> ROCKSDB_MEMORY = Setting.byteSize("ROCKSDB_MEMORY", "64MiB",
            "Off-heap memory all dedup stores of an instance share, block cache and write buffers together (a bound,"
                    + " not a reservation); add it to the heap when sizing the container.");

    public static final List<Setting<?>> ALL = List.of(APPLICATION_ID, TOPIC_REDRIVES, STATE_DIR, HTTP_PORT, DEDUP_RETENTION,
            MAX_PAYLOAD_BYTES, NUM_STREAM_THREADS, NUM_STANDBY_REPLICAS, COMMIT_INTERVAL, INSTANCE_ID, ROCKSDB_MEMORY);

    private StreamsSettings() {
    }
}
