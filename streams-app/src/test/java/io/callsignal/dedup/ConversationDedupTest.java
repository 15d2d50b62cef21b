package io.callsignal.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.rejection.Entity;
import io.callsignal.testkit.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conversations by call_id: only what tells something new about a call is passed on. */
class ConversationDedupTest {

    private static final String METADATA = "{\"call_id\":\"c-1\",\"source_platform\":\"canonical\","
            + "\"call_timestamp\":\"2026-02-01T10:00:00Z\",\"duration_seconds\":600,\"deal_id\":\"D-1\"}";
    private static final String TRANSCRIPT = "{\"call_id\":\"c-1\",\"source_platform\":\"canonical\",\"transcript_text\":\"A: hi\"}";

    private final PipelineDriver pipeline = new PipelineDriver(Map.of("DEDUP_RETENTION", "7d"));

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void step1AnIdenticalRepeatIsDroppedAndCounted() {
        pipeline.sendConversation(METADATA);
        pipeline.sendConversation(METADATA);

        assertEquals(1, pipeline.conversations().size());
        assertEquals(1.0, dropped(PipelineMetrics.Drop.DUPLICATE));
        assertEquals(0, pipeline.unaccounted());
    }

    @Test
    void step2AChangedRecordIsPassedOn() {
        pipeline.sendConversation(METADATA);
        pipeline.sendConversation(METADATA.replace("\"D-1\"", "\"D-2\""));

        assertEquals(List.of("D-1", "D-2"), pipeline.conversations().stream().map(r -> r.value().getDealId()).toList());
    }

    @Test
    void step3APartialUpdateIsPassedOnAndItsRepeatIsNot() {
        pipeline.sendConversation(METADATA);
        pipeline.sendConversation(TRANSCRIPT);
        pipeline.sendConversation(TRANSCRIPT);
        pipeline.sendConversation(METADATA);

        List<TestRecord<String, io.callsignal.schema.Conversation>> out = pipeline.conversations();
        assertEquals(2, out.size(), "metadata, then the transcript; the repeats of either tell nothing new");
        assertEquals("A: hi", out.get(1).value().getTranscriptText());
        assertEquals("c-1", out.get(1).key());
        assertEquals(2.0, dropped(PipelineMetrics.Drop.DUPLICATE));
        assertEquals(0, pipeline.unaccounted());
    }

    @Test
    void step4ARepeatArrivingAfterTheRetentionCountsAsNew() {
        var raw = rawConversations();
        byte[] value = METADATA.getBytes(StandardCharsets.UTF_8);

        raw.pipeInput(new TestRecord<>(null, value, new RecordHeaders(), PipelineDriver.NOW));
        pipeline.driver.advanceWallClockTime(Duration.ofDays(6));
        raw.pipeInput(new TestRecord<>(null, value, new RecordHeaders(), PipelineDriver.NOW));
        pipeline.driver.advanceWallClockTime(Duration.ofDays(8));
        raw.pipeInput(new TestRecord<>(null, value, new RecordHeaders(), PipelineDriver.NOW));

        assertEquals(2, pipeline.conversations().size(), "arrived on day 6: within retention; on day 14: not");
    }

    @Test
    void producerClocksDoNotMoveDedupMemory() {
        var raw = rawConversations();
        byte[] first = METADATA.getBytes(StandardCharsets.UTF_8);
        byte[] second = METADATA.replace("c-1", "c-2").getBytes(StandardCharsets.UTF_8);

        // A backfill stamped with the calls' own time, then one record from a clock a year ahead,
        // then the backfill again: all within one minute of arrival.
        raw.pipeInput(new TestRecord<>(null, first, new RecordHeaders(), PipelineDriver.NOW.minus(Duration.ofDays(30))));
        raw.pipeInput(new TestRecord<>(null, second, new RecordHeaders(), PipelineDriver.NOW.plus(Duration.ofDays(365))));
        pipeline.driver.advanceWallClockTime(Duration.ofMinutes(1));
        raw.pipeInput(new TestRecord<>(null, first, new RecordHeaders(), PipelineDriver.NOW.minus(Duration.ofDays(30))));
        raw.pipeInput(new TestRecord<>(null, second, new RecordHeaders(), PipelineDriver.NOW.minus(Duration.ofDays(40))));

        assertEquals(List.of("c-1", "c-2"), pipeline.conversations().stream().map(TestRecord::key).toList(),
                "the repeats are duplicates whatever their record timestamps");
        assertEquals(2.0, dropped(PipelineMetrics.Drop.DUPLICATE));
    }

    private TestInputTopic<byte[], byte[]> rawConversations() {
        return pipeline.driver.createInputTopic(pipeline.topics.conversationsRaw.name(),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private double dropped(PipelineMetrics.Drop kind) {
        return pipeline.metrics.registry().find("callsignal.dropped").tag("entity", Entity.CONVERSATION.label())
                .tag("kind", kind.name().toLowerCase()).counter().count();
    }
}
