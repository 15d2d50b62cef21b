package io.callsignal.dedup;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/** Every RocksDB instance (each segment of each store) is bounded by one shared cache and write buffer manager. */
class BoundedRocksDbMemoryTest {

    @Test
    void everyStoreSharesOneCacheWhichAlsoHoldsIndexAndFilterBlocks() {
        Map<String, Object> configs = Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 16L << 20);
        try (Options segment = new Options(); Options otherStore = new Options()) {
            segment.setTableFormatConfig(new BlockBasedTableConfig());
            otherStore.setTableFormatConfig(new BlockBasedTableConfig());

            new BoundedRocksDbMemory().setConfig("signal-dedup.1700000000000", segment, configs);
            new BoundedRocksDbMemory().setConfig("conversation-dedup.1700000000000", otherStore, configs);

            assertNotNull(segment.writeBufferManager());
            assertSame(segment.writeBufferManager(), otherStore.writeBufferManager(), "one bound for all");
            BlockBasedTableConfig table = (BlockBasedTableConfig) segment.tableFormatConfig();
            assertTrue(table.cacheIndexAndFilterBlocks(), "index and filter blocks count against the cache");
            assertTrue(table.pinTopLevelIndexAndFilter());
        }
    }
}
