package io.callsignal.config;

import java.util.List;

/** Settings as the rows of docs/configuration.md, so the doc is checked against the code rather than kept by hand. */
public final class SettingsTable {

    private SettingsTable() {
    }

    public static String row(Setting<?> setting) {
        return "| `" + setting.env() + "` | `" + setting.property() + "` | `" + setting.defaultValue() + "` | "
                + setting.doc() + " |";
    }

    /** The rows of {@code settings} that {@code markdown} does not contain verbatim. */
    public static List<String> missingRows(String markdown, List<Setting<?>> settings) {
        return settings.stream().map(SettingsTable::row).filter(row -> !markdown.contains(row)).toList();
    }
}
