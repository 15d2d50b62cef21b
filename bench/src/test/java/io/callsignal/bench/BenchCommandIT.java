package io.callsignal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.bench.report.Measure;
import io.callsignal.bench.report.Measures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark as users run it, at smoke size: every measure taken, the JSON and the report
 * written. Its figures are not judged; that the two pipelines keep the same silver rows is.
 */
class BenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void aSmokeRunTakesEveryMeasureAndWritesTheReport() throws Exception {
        Path json = dir.resolve("bench.json");
        Path docs = dir.resolve("performance.md");
        LauncherRun run = LauncherRun.of(dir, "BENCH_KAFKA_PORT", "bench", "--smoke", "--json", json.toString(),
                "--docs", docs.toString());
        String output = run.output();
        assertEquals(0, run.exitCode(), output);

        Map<String, Measure> measures = Measures.readJson(json).stream()
                .collect(Collectors.toMap(Measure::name, Function.identity()));
        for (String name : List.of("streams_vs_passthrough_ratio", "spark_only_vs_callsignal_ratio",
                "latency_max_sustained_events_per_s", "latency_commit_interval_ms", "dedup_store_growth_after_retention",
                "sink_bronze_rows_per_s", "raw_to_silver_callsignal_s", "silver_batch_ms_at_1k", "gold_refresh_ms_at_1k")) {
            assertTrue(measures.containsKey(name), name + " missing from " + measures.keySet());
        }
        // On a machine busy with other work even the lowest rate may outgrow its backlog limit while it
        // ramps up: then there is no latency to report, and the report must say why.
        assertTrue(measures.containsKey("latency_p99_ms")
                || measures.get("latency_max_sustained_events_per_s").note().contains("none got past its ramp"),
                measures.get("latency_max_sustained_events_per_s").note());
        for (String positive : List.of("streams_passthrough_records_per_s", "streams_callsignal_records_per_s",
                "streams_peak_rss_mib", "passthrough_peak_rss_mib", "sink_bronze_rows_per_s",
                "raw_to_silver_spark_only_s", "dedup_store_mib_after_wave_5")) {
            assertTrue(measures.get(positive).value() > 0, positive + " = " + measures.get(positive).value());
        }
        // The alternative is only a fair comparison if it lands the same signals.
        assertEquals(measures.get("silver_rows_callsignal").value(), measures.get("silver_rows_spark_only").value());
        assertTrue(measures.get("silver_rows_callsignal").value() > 1_000);

        String report = Files.readString(docs, StandardCharsets.UTF_8);
        assertTrue(report.contains("`bin/callsignal bench --smoke`") && report.contains("Machine: "), report);
        assertTrue(report.contains("| `spark_only_vs_callsignal_ratio` |"), report);
        assertTrue(output.contains("spark_only_vs_callsignal_ratio"), output);
    }
}
