package io.callsignal.sink;

import static io.callsignal.testkit.Events.signal;
import static io.callsignal.testkit.HandCheckedSet.T1;
import static io.callsignal.testkit.HandCheckedSet.sendSignal;
import static io.callsignal.testkit.SinkFixture.contents;
import static io.callsignal.testkit.SinkFixture.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.SinkSettings;
import io.callsignal.gold.GoldRefresh;
import io.callsignal.schema.Signal;
import io.callsignal.schema.SourceRecord;
import io.callsignal.testkit.BrokerProcess;
import io.callsignal.testkit.Events;
import io.callsignal.testkit.HandCheckedSet;
import io.callsignal.testkit.KernelReader;
import io.callsignal.testkit.SinkFixture;
import io.callsignal.testkit.WithBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink against a real broker and real Delta tables: a small data set whose every table value is
 * worked out by hand (see the comments), landed once, then again with nothing new, then after a
 * crash between the Delta commits and the checkpoint.
 */
@ExtendWith(WithBroker.class)
class SinkRunIT {

    @TempDir
    Path dir;

    @Test
    void landsEveryLayerOnceAndRerunsAfterNothingNewOrACrashWriteNothing(BrokerProcess broker) throws Exception {
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            HandCheckedSet.Published published = HandCheckedSet.publish(fixture);

            LakeCatalog lake = fixture.runSink(Events.withOlderSignalSchema());

            HandCheckedSet.assertLanded(lake, published);

            Map<LakeTable, Long> versions = fixture.versions(lake);
            fixture.runSink(Events.withOlderSignalSchema());
            assertEquals(versions, fixture.versions(lake), "a run with no new input writes nothing");

            // The crash window: every flow's last batch is committed to Delta but not to its checkpoint,
            // so the restarted flows run those batches again, and change nothing.
            Map<LakeTable, List<String>> tables = Stream.of(LakeTable.values()).filter(lake::exists)
                    .collect(Collectors.toMap(t -> t, t -> contents(lake, t)));
            fixture.forgetLastCheckpointCommits(lake);
            fixture.runSink(Events.withOlderSignalSchema());
            assertEquals(versions, fixture.versions(lake));
            tables.forEach((table, rows) -> assertEquals(rows, contents(lake, table), table.qualifiedName()));

            // Another definition of a gold table (its pivot columns) rebuilds that table, silver unchanged.
            fixture.set(SinkSettings.GOLD_PIVOT_SIGNALS, "talk_ratio");
            assertEquals(List.of(LakeTable.GOLD_CALL_SIGNAL_PIVOT), GoldRefresh.refresh(lake, fixture.config()));
            assertEquals(List.of("call_id", "deal_id", "call_timestamp", "talk_ratio"),
                    List.of(lake.spark().table("gold.call_signal_pivot").columns()));
            assertEquals(List.of(), GoldRefresh.refresh(lake, fixture.config()), "built by that definition already");

            // Another engine, Delta Kernel, reads every table as Spark does.
            KernelReader.assertEveryTableReadsAsSpark(lake);
        }
    }

    @Test
    void aTimestampIsJudgedAgainstTheEventsArrivalNotTheSinksClock(BrokerProcess broker) throws Exception {
        Instant arrival = Instant.now().minus(Duration.ofDays(5));
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            SourceRecord src = Events.source("conversations.raw", 1);
            // A day after its arrival: in the future then (a replay days later must say so too), past now.
            fixture.send(CommonSettings.TOPIC_CONVERSATIONS_VALID, "ahead", Events.encode(Events.conversation(
                    "ahead", "gong", src).setCallTimestamp(arrival.plus(Duration.ofDays(1))).build()), arrival);
            fixture.send(CommonSettings.TOPIC_CONVERSATIONS_VALID, "on-time", Events.encode(Events.conversation(
                    "on-time", "gong", Events.source("conversations.raw", 2))
                    .setCallTimestamp(arrival.plus(Duration.ofMinutes(1))).build()), arrival);
            LakeCatalog lake = fixture.runSink();

            assertEquals(List.of("on-time"), strings(lake, "SELECT call_id FROM silver.conversations"));
            assertEquals(List.of("FUTURE_TIMESTAMP|call_timestamp|conversations.raw|1"), strings(lake,
                    "SELECT reason, field, source_topic, source_offset FROM silver.quarantine"));
        }
    }

    @Test
    void aConflictAcrossBatchesIsJudgedAsWithinOneAndQuarantinedOnceOverAReplay(BrokerProcess broker)
            throws Exception {
        Signal first = signal("s6", "c3", "deal_stage", "negotiation", "category", 0.9, "v1", T1,
                Events.source("signals.raw", 10));
        Signal conflicting = signal("s6", "c3", "deal_stage", "closed", "category", 0.9, "v1", T1,
                Events.source("signals.raw", 11));
        String silver = "SELECT signal_id, signal_value FROM silver.conversation_signals";
        String quarantine = "SELECT quarantined_by, reason, field, source_topic, source_offset FROM silver.quarantine";
        try (SinkFixture fixture = SinkFixture.create(broker, dir.resolve("lake"))) {
            // Within one batch the second is a CONFLICTING_DUPLICATE (landsEveryLayerOnce...); across two, too.
            LakeCatalog lake = landInBatches(fixture, List.of(first), List.of(conflicting));
            List<String> expectedQuarantine = List.of("sink|CONFLICTING_DUPLICATE|signal_id|signals.raw|11");
            assertEquals(List.of("s6|negotiation"), strings(lake, silver));
            assertEquals(expectedQuarantine, strings(lake, quarantine));

            // The streams app, replayed, writes both again at new typed offsets: still one unit each.
            lake = landInBatches(fixture, List.of(first, conflicting));
            assertEquals(List.of("s6|negotiation"), strings(lake, silver));
            assertEquals(expectedQuarantine, strings(lake, quarantine));
        }
    }

    /** Each list published, then landed by a sink run of its own. */
    @SafeVarargs
    private static LakeCatalog landInBatches(SinkFixture fixture, List<Signal>... batches) throws Exception {
        LakeCatalog lake = null;
        for (List<Signal> batch : batches) {
            for (Signal signal : batch) {
                sendSignal(fixture, signal);
            }
            lake = fixture.runSink();
        }
        return lake;
    }
}
