package io.callsignal.bench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceDocTest {

    @Test
    void theDocNamesTheMachineAndCommandAndKeepsTheHandWrittenAnalysis() {
        Measures measures = new Measures();
        measures.add(Measure.of("latency_p99_ms", 300, "ms").goal(Measure.Goal.atMost(250)));
        String doc = PerformanceDoc.render(measures, "Test CPU, 2 cores", "quick", Instant.parse("2026-11-28T10:15:30Z"),
                List.of(new JfrProfile.Entry("io.callsignal.ingest.IngestProcessor.process", 0.03, 0.41)));
        assertTrue(doc.contains("`bin/callsignal bench --quick` on 2026-11-28T10:15:00Z"), doc);
        assertTrue(doc.contains("Machine: Test CPU, 2 cores."), doc);
        assertTrue(doc.contains("| `latency_p99_ms` | 300 | ms |  | &lt;= 250 | MISSED |"), doc);
        assertTrue(doc.contains("| `io.callsignal.ingest.IngestProcessor.process` | 3.0% | 41.0% |"), doc);
        assertTrue(doc.contains("## What each measure is"), doc);
    }
}
