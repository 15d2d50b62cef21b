package io.callsignal.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.config.CommonSettings;
import io.callsignal.silver.SchemaSource;
import io.callsignal.sink.SinkRun;
import io.callsignal.stream.SinkTrigger;
import io.callsignal.testkit.BrokerProcess;
import io.callsignal.testkit.Events;
import io.callsignal.testkit.SinkFixture;
import io.callsignal.testkit.WithBroker;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPTIMIZE, VACUUM and RESTORE as operators run them next to a continuous sink: the sink's writes
 * that race them are written again, it keeps running, and each event lands once.
 */
@ExtendWith(WithBroker.class)
class MaintenanceWhileSinkRunsIT {

    private static final int CALLS_A_WAVE = 20;

    @TempDir
    Path dir;

    @Test
    void theSinkOutlivesMaintenanceAndLandsEachEventOnce(BrokerProcess broker) throws Exception {
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            LakeCatalog lake = fixture.lake();
            SinkRun run = new SinkRun(lake, fixture.config(), SchemaSource.bundled());
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    run.run(SinkTrigger.continuous(Duration.ofSeconds(1)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                sendWave(fixture, 0);
                awaitRows(lake, "silver.conversations", CALLS_A_WAVE, running);
                long afterFirstWave = DeltaTable.forName(lake.spark(), "silver.conversations").history(1).head()
                        .getLong(0);

                // The second wave lands while every table is compacted, clustered and vacuumed.
                sendWave(fixture, 1);
                TableMaintenance.optimize(lake);
                TableMaintenance.vacuum(lake, Duration.ofDays(7));
                awaitRows(lake, "silver.conversations", 2 * CALLS_A_WAVE, running);
                awaitRows(lake, "silver.conversation_signals", 2 * CALLS_A_WAVE * 2, running);

                // Restored to before the second wave, silver takes the third on top of the first.
                lake.spark().sql("RESTORE TABLE silver.conversations TO VERSION AS OF " + afterFirstWave);
                assertEquals(CALLS_A_WAVE, lake.spark().table("silver.conversations").count());
                sendWave(fixture, 2);
                awaitRows(lake, "silver.conversations", 2 * CALLS_A_WAVE, running);
                awaitRows(lake, "silver.conversation_signals", 3 * CALLS_A_WAVE * 2, running);
                assertEquals(0, lake.spark().table("silver.conversations")
                        .where("call_id LIKE 'wave-1-%'").count(), "the restore took the second wave out");
                assertFalse(running.isDone(), "the sink still runs");
            } finally {
                run.stop();
            }
            running.get();
        }
    }

    /** A wave of new calls, two signals each, as the streams app writes them to the typed topics. */
    private static void sendWave(SinkFixture fixture, int wave) throws Exception {
        for (int call = 0; call < CALLS_A_WAVE; call++) {
            String callId = "wave-" + wave + "-" + call;
            fixture.send(CommonSettings.TOPIC_CONVERSATIONS_VALID, callId, Events.encode(Events.conversation(callId,
                    "gong", Events.source("conversations.raw", wave * 1_000L + call)).build()));
            for (int signal = 0; signal < 2; signal++) {
                String signalId = callId + "-s" + signal;
                fixture.send(CommonSettings.TOPIC_SIGNALS_VALID, signalId, Events.encode(Events.signal(signalId, callId,
                        "overall_score", "7", "score", 0.9, "v1", "2026-03-01T00:00:00Z",
                        Events.source("signals.raw", wave * 1_000L + call * 2 + signal))));
            }
        }
    }

    private static void awaitRows(LakeCatalog lake, String table, long rows, CompletableFuture<Void> sink) {
        Awaitility.await(rows + " rows in " + table).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .failFast("the sink stopped", () -> {
                    if (sink.isDone()) {
                        sink.join(); // throws what stopped it
                    }
                    return sink.isDone();
                })
                .until(() -> lake.spark().table(table).count() == rows);
    }
}
