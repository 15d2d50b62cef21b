package io.callsignal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.config.SettingsTable;
import io.callsignal.config.StreamsSettings;
import io.callsignal.rejection.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The docs list every streams setting and every reason code exactly as the code declares them. */
class StreamsDocsTest {

    @Test
    void everyStreamsSettingIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));

        assertEquals(List.of(), SettingsTable.missingRows(doc, StreamsSettings.ALL));
    }

    @Test
    void everyReasonCodeIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "quarantine.md"));

        List<String> missing = Arrays.stream(Reason.values())
                .map(reason -> "| `" + reason.name() + "` | " + reason.description() + " |")
                .filter(row -> !doc.contains(row)).toList();

        assertEquals(List.of(), missing, "docs/quarantine.md lacks these rows (or they changed)");
    }
}
