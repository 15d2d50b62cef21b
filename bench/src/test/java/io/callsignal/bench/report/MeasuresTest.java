package io.callsignal.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuresTest {

    private static Measures sample() {
        Measures measures = new Measures();
        measures.add(Measure.of("streams_passthrough_records_per_s", 2000, "records/s"));
        measures.add(Measure.of("streams_callsignal_records_per_s", 1500, "records/s")
                .relativeTo("streams_passthrough_records_per_s"));
        measures.add(Measure.of("streams_vs_passthrough_ratio", 0.75, "x").goal(Measure.Goal.atLeast(0.8)));
        measures.add(Measure.of("latency_p99_ms", 180, "ms").goal(Measure.Goal.atMost(250)).note("at 2000 | 3000"));
        return measures;
    }

    @Test
    void relativeIsTheValueOverItsBaselineFromTheSameRun() {
        Measures measures = sample();
        assertEquals(0.75, measures.relative(measures.get("streams_callsignal_records_per_s").orElseThrow()).orElseThrow());
        assertTrue(measures.relative(measures.get("latency_p99_ms").orElseThrow()).isEmpty());
    }

    @Test
    void theTableShowsEachGoalMetOrMissed() {
        String table = sample().table();
        assertTrue(table.lines().anyMatch(line -> line.startsWith("streams_vs_passthrough_ratio")
                && line.contains(">= 0.800") && line.endsWith("MISSED")), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("latency_p99_ms") && line.endsWith("met")), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("streams_callsignal_records_per_s")
                && line.contains("0.750x streams_passthrough_records_per_s")), table);
    }

    @Test
    void markdownEscapesWhatWouldBreakItsTable() {
        String markdown = sample().markdown();
        assertTrue(markdown.contains("&lt;= 250"), markdown);
        assertTrue(markdown.contains("at 2000 \\| 3000"), markdown);
        assertEquals(2 + 4, markdown.lines().count());
    }

    @Test
    void jsonHasOneObjectPerMeasureWithTheNamesTheIssueGives(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bench.json");
        sample().writeJson(file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"ratio_to\" : \"streams_passthrough_records_per_s\""), json);
        assertTrue(json.contains("\"at_least\" : 0.8"), json);
        List<Measure> read = Measures.readJson(file);
        assertEquals(sample().all(), read);
    }

    @Test
    void aNameIsSnakeCaseItsValueFiniteAndItIsMeasuredOnce() {
        assertThrows(IllegalArgumentException.class, () -> Measure.of("p99 at 10k", 1, "ms"));
        assertThrows(IllegalArgumentException.class, () -> Measure.of("ratio", Double.NaN, "x"));
        Measures measures = sample();
        assertThrows(IllegalArgumentException.class, () -> measures.add(Measure.of("latency_p99_ms", 1, "ms")));
    }

    @Test
    void figuresCarryThreeSignificantDigitsAndSizesShortNames() {
        assertEquals("1234", Measures.format(1234));
        assertEquals("52.4", Measures.format(52.44));
        assertEquals("0.313", Measures.format(0.3127));
        assertEquals("100k", Measures.size(100_000));
        assertEquals("10m", Measures.size(10_000_000));
        assertEquals("1500", Measures.size(1_500));
    }
}
