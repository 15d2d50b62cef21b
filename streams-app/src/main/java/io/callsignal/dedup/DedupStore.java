package io.callsignal.dedup;

import io.callsignal.topics.JsonSerde;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Dedup state per key in a window store, so it expires by itself after the retention: a key not
 * seen for longer is forgotten, and its next record counts as new. The newest state is always
 * written at the newest position, so reading one entry backwards finds it.
 */
final class DedupStore<S> {

    private final WindowStore<String, S> store;
    private final long retentionMs;

    DedupStore(WindowStore<String, S> store, Duration retention) {
        this.store = store;
        this.retentionMs = retention.toMillis();
    }

    static <S> StoreBuilder<WindowStore<String, S>> builder(String name, Duration retention, Class<S> type) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, retention, false),
                Serdes.String(), new JsonSerde<>(type));
    }

    /** The newest state of {@code key} within retention of {@code timestamp}, or null. */
    KeyValue<Long, S> latest(String key, long timestamp) {
        try (WindowStoreIterator<S> entries = store.backwardFetch(key, Math.max(0, timestamp - retentionMs),
                timestamp + retentionMs)) {
            return entries.hasNext() ? entries.next() : null;
        }
    }

    void put(String key, S state, long timestamp, KeyValue<Long, S> previous) {
        store.put(key, state, previous == null ? timestamp : Math.max(timestamp, previous.key));
    }
}
