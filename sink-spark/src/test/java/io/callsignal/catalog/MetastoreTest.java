package io.callsignal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetastoreTest {

    @Test
    void aLocalLakeKeepsItsCatalogUnderItselfAnObjectStoreOneInMemoryUnlessToldOfAService(@TempDir Path dir) {
        assertEquals(new Metastore(Optional.of(dir.resolve("_catalog")), Optional.empty()),
                Metastore.of(config(dir.toString(), null)));
        assertEquals(new Metastore(Optional.empty(), Optional.empty()), Metastore.of(config("s3a://bucket/lake", null)));
        assertEquals(new Metastore(Optional.empty(), Optional.of("thrift://hms:9083")),
                Metastore.of(config("s3a://bucket/lake", "thrift://hms:9083")));
        assertEquals(new Metastore(Optional.empty(), Optional.empty()), Metastore.of(config(dir.toString(), "memory")));
        assertThrows(ConfigException.class, () -> Metastore.of(config(dir.toString(), "derby")));
        assertFalse(Metastore.of(config(dir.toString(), null)).inUseElsewhere(), "nothing has opened it yet");
    }

    private static Config config(String lake, String metastore) {
        Map<String, String> env = new HashMap<>(Map.of("LAKE_ROOT", lake));
        if (metastore != null) {
            env.put("METASTORE", metastore);
        }
        return Config.of(env, Optional.empty());
    }
}
