package io.callsignal.dedup;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB instance in the JVM (each segment of each dedup
 * store is one) by one shared block cache, which also holds the index and filter blocks and is
 * charged for the write buffers: memory no longer grows with the number of segments, partitions
 * and stores. Kafka Streams creates this class by name; its size comes through the streams config
 * under {@link #MEMORY_BYTES_CONFIG}.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    public static final String MEMORY_BYTES_CONFIG = "callsignal.rocksdb.memory.bytes";

    /** Share of the cache for memtables; the rest holds data, index and filter blocks. */
    private static final double WRITE_BUFFER_RATIO = 0.5;
    /** Share of the cache kept for index and filter blocks, so data blocks cannot evict them. */
    private static final double INDEX_FILTER_RATIO = 0.1;

    private static Shared shared;

    /** The cache and write buffer manager of the JVM, made once with the first size asked for. */
    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    private static synchronized Shared shared(long bytes) {
        if (shared == null) {
            Cache cache = new LRUCache(bytes, -1, false, INDEX_FILTER_RATIO);
            shared = new Shared(cache, new WriteBufferManager((long) (bytes * WRITE_BUFFER_RATIO), cache));
        }
        return shared;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(Long.parseLong(String.valueOf(configs.get(MEMORY_BYTES_CONFIG))));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store: they live as long as the JVM.
    }
}
