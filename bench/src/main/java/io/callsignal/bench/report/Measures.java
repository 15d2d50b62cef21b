package io.callsignal.bench.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The measures of one run, in the order they were taken, each name once; as a table and as JSON. */
public final class Measures {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Measure> byName = new LinkedHashMap<>();

    public Measure add(Measure measure) {
        if (byName.putIfAbsent(measure.name(), measure) != null) {
            throw new IllegalArgumentException("measured twice: " + measure.name());
        }
        return measure;
    }

    public void addAll(List<Measure> measures) {
        measures.forEach(this::add);
    }

    public Optional<Measure> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public double value(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("not measured: " + name)).value();
    }

    public List<Measure> all() {
        return List.copyOf(byName.values());
    }

    /** The value over its baseline's, when it has one that was measured and is not zero. */
    public Optional<Double> relative(Measure measure) {
        return Optional.ofNullable(measure.ratioTo()).flatMap(this::get).map(Measure::value)
                .filter(baseline -> baseline != 0).map(baseline -> measure.value() / baseline);
    }

    public void writeJson(Path file) {
        try {
            JSON.writeValue(file.toFile(), all());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static List<Measure> readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Measure>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A fixed-width table: name, value, unit, relative to its baseline, goal and whether it is met. */
    public String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"measure", "value", "unit", "relative", "goal", ""});
        for (Measure measure : byName.values()) {
            rows.add(row(measure));
        }
        int[] widths = new int[6];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            text.append(String.format(Locale.ROOT, "%-" + widths[0] + "s  %" + widths[1] + "s  %-" + widths[2]
                    + "s  %" + widths[3] + "s  %-" + widths[4] + "s  %s", (Object[]) row).stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** The same rows as a Markdown table, notes included. */
    public String markdown() {
        StringBuilder text = new StringBuilder("| Measure | Value | Unit | Relative | Goal | | Note |\n");
        text.append("|---|---:|---|---:|---|---|---|\n");
        for (Measure measure : byName.values()) {
            String[] row = row(measure);
            text.append("| `").append(row[0]).append("` | ").append(row[1]).append(" | ").append(row[2])
                    .append(" | ").append(row[3]).append(" | ").append(row[4].replace("<", "&lt;").replace(">", "&gt;"))
                    .append(" | ").append(row[5]).append(" | ")
                    .append(measure.note() == null ? "" : measure.note().replace("|", "\\|")).append(" |\n");
        }
        return text.toString();
    }

    private String[] row(Measure measure) {
        String relative = relative(measure).map(r -> format(r) + "x " + measure.ratioTo()).orElse("");
        String goal = measure.goal() == null ? "" : measure.goal().toString();
        String met = measure.goal() == null ? "" : measure.goal().met(measure.value()) ? "met" : "MISSED";
        return new String[] {measure.name(), format(measure.value()), measure.unit(), relative, goal, met};
    }

    /** A row count as measure names carry it: 100000 -> 100k, 1000000 -> 1m. */
    public static String size(long rows) {
        if (rows % 1_000_000 == 0) {
            return rows / 1_000_000 + "m";
        }
        return rows % 1_000 == 0 ? rows / 1_000 + "k" : String.valueOf(rows);
    }

    /** Three significant digits at most, no exponent: figures from a noisy machine carry no more. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        double magnitude = Math.abs(value);
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
