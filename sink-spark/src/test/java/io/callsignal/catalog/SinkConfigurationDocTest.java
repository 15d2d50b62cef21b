package io.callsignal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.config.SettingsTable;
import io.callsignal.config.SinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkConfigurationDocTest {

    @Test
    void everySinkSettingIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));

        assertEquals(List.of(), SettingsTable.missingRows(doc, SinkSettings.ALL),
                "docs/configuration.md lacks these rows (or they changed)");
    }
}
