package io.callsignal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos run as users run it, short: 20,000 events while the streams app is killed with SIGKILL
 * three times and the broker once; every unit checked. The long run's figures are in docs/chaos.md.
 */
class ChaosCommandIT {

    @TempDir
    Path dir;

    @Test
    void nothingIsLostDuplicatedOrMisroutedUnderKillsAndABrokerRestart() throws Exception {
        LauncherRun run = LauncherRun.of(dir, "CHAOS_KAFKA_PORT", "chaos", "--events", "20000", "--kills", "3",
                "--broker-restarts", "1", "--seed", "7");
        String output = run.output();
        List<String> lines = output.lines().toList();

        assertEquals(0, run.exitCode(), output);
        assertTrue(lines.get(lines.size() - 1).matches("chaos: 2\\d{4} events, 3 kills, 1 broker restarts: "
                + "0 lost, 0 duplicated, 0 misrouted"), output);
        assertTrue(output.contains("SIGKILL of the broker, then a restart"), output);
    }
}
