package io.callsignal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationDocTest {

    @Test
    void everySharedSettingIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));

        assertEquals(List.of(), SettingsTable.missingRows(doc, CommonSettings.ALL),
                "docs/configuration.md lacks these rows (or they changed)");
    }
}
