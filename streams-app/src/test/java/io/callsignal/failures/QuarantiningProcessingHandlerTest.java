package io.callsignal.failures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.Config;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import io.callsignal.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** A defect in a processor (KIP-1033) quarantines the record it was processing, in our format, and lets the app go on. */
class QuarantiningProcessingHandlerTest {

    private static final byte[] RAW = "{\"call_id\":\"c-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void anUnexpectedExceptionBecomesAProcessingErrorRecordAndProcessingResumes() {
        Topics topics = Topics.from(Config.of(Map.of(), Optional.empty()), SchemaHistory.bundled());
        PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());
        QuarantiningProcessingHandler handler = new QuarantiningProcessingHandler();
        handler.configure(Map.of(QuarantineFailures.CONFIG_KEY,
                new QuarantineFailures(topics.quarantine, topics::entityOf, topics::isRaw, metrics)));

        ProcessingExceptionHandler.Response response = handler.handleError(context(), new Record<>(null, RAW, 5L),
                new IllegalStateException("adapter bug"));

        assertEquals(ProcessingExceptionHandler.Result.RESUME, response.result());
        var dead = response.deadLetterQueueRecords();
        assertEquals(1, dead.size());
        assertEquals("quarantine", dead.get(0).topic());
        QuarantineRecord record = topics.quarantine.valueSerde().deserializer().deserialize("quarantine", dead.get(0).value());
        assertEquals(Reason.PROCESSING_ERROR, record.reason());
        assertEquals("conversation", record.entity());
        assertEquals("conversations.raw", record.sourceTopic());
        assertEquals(2, record.sourcePartition());
        assertEquals(17L, record.sourceOffset());
        assertArrayEquals(RAW, record.originalPayload());
        assertTrue(record.detail().contains("adapter bug") && record.detail().contains("ingest-conversations"), record.detail());
        assertEquals("conversations.raw/2/17", new String(dead.get(0).key(), StandardCharsets.UTF_8));
        assertEquals(1.0, metrics.total("callsignal.quarantined", Entity.CONVERSATION));
        assertEquals(1.0, metrics.total("callsignal.input", Entity.CONVERSATION),
                "a record that failed in ingest is one input unit too, so the accounting still balances");
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "conversations.raw";
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return 17L;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "ingest-conversations";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 2);
            }

            @Override
            public long timestamp() {
                return 1_771_500_000_000L;
            }

            @Override
            public byte[] sourceRawKey() {
                return null;
            }

            @Override
            public byte[] sourceRawValue() {
                return RAW;
            }
        };
    }
}
