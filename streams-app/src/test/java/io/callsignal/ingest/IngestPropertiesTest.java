package io.callsignal.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.rejection.Reason;
import io.callsignal.testkit.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Whatever a producer sends, every unit gets exactly one outcome (valid, dropped, quarantined) and
 * no exception escapes the rules into the processing handler: arbitrary bytes, and arbitrary JSON
 * built from the field names the adapters read, with the values that break naive readers.
 */
class IngestPropertiesTest {

    /** Field names the adapters read, so that generated JSON reaches past format detection. */
    private static final List<String> FIELDS = List.of("call_id", "source_platform", "call_timestamp",
            "duration_seconds", "participants", "deal_id", "account_id", "transcript_text", "metadata", "signal_id",
            "signal_name", "signal_type", "signal_value", "confidence", "scoring_version", "evaluated_at", "signals",
            "calls", "callTranscripts", "callId", "metaData", "id", "started", "duration", "parties", "transcript",
            "speakerId", "sentences", "text", "start", "end", "event", "event_ts", "payload", "object", "uuid",
            "start_time", "host_email", "name", "email", "emailAddress", "affiliation", "context", "objects",
            "objectType", "objectId", "records", "role", "title", "url", "topic", "type", "_envelope");
    private static final List<String> NASTY_NUMBERS = List.of("0", "-0", "-1", "0.5", "1.5", "7", "1e2000000000",
            "1e999999999", "-1e-999999999", "123456789012345678901234567890123456789012345678901234567890",
            "1E+308", "2.5e-324", "1771500000000", "1771500000");
    private static final List<String> NASTY_TEXT = List.of("", "score", "boolean", "category", "extraction", "count",
            "true", "false", "gong", "zoom", "canonical", "recording.completed", "2026-02-01T10:00:00Z",
            "2026-02-01T10:00:00", "2999-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "yesterday", "NaN", "Infinity",
            "1e2000000000", "\u0000", "\uD83D\uDE00", "a@b.c", "rep", "prospect", "Account", "Opportunity");

    private PipelineDriver pipeline;

    @BeforeProperty
    void start() {
        pipeline = new PipelineDriver();
    }

    @AfterProperty
    void stop() {
        pipeline.close();
    }

    @Property(tries = 300)
    void arbitraryBytesGetOneOutcomeEach(@ForAll byte[] value) {
        pipeline.sendConversation(value, Map.of());
        pipeline.sendSignal(value);

        assertEveryUnitHasOneOutcome();
    }

    @Property(tries = 1500)
    void arbitraryJsonGetsOneOutcomePerUnit(@ForAll("objects") String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        pipeline.sendConversation(value, Map.of());
        pipeline.sendConversation(value, Map.of("source_platform", "gong"));
        pipeline.sendConversation(value, Map.of("source_platform", "zoom"));
        pipeline.sendSignal(value);

        assertEveryUnitHasOneOutcome();
    }

    /** Real payloads of every format with a few fields removed, retyped or set to hostile values. */
    @Property(tries = 1500)
    void mutatedPayloadsGetOneOutcomePerUnit(@ForAll("mutants") String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        pipeline.sendConversation(value, Map.of());
        pipeline.sendSignal(value);

        assertEveryUnitHasOneOutcome();
        // The mutants reach past format detection: some units pass, others break each kind of rule.
        Statistics.label("valid").coverage(coverage -> coverage.check(true).count(tries -> tries >= 100));
        Statistics.label("reason").coverage(coverage -> {
            for (Reason reason : List.of(Reason.MISSING_FIELD, Reason.INVALID_FIELD, Reason.INVALID_TIMESTAMP,
                    Reason.INVALID_DURATION, Reason.VALUE_TYPE_MISMATCH,
                    Reason.CONFIDENCE_OUT_OF_RANGE, Reason.INVALID_SIGNAL_TYPE, Reason.UNRECOGNIZED_FORMAT)) {
                coverage.check(reason).count(units -> units > 0);
            }
        });
    }

    private void assertEveryUnitHasOneOutcome() {
        List<QuarantineRecord> quarantined = pipeline.quarantined();
        int valid = pipeline.conversations().size() + pipeline.signals().size();
        Statistics.label("valid").collect(valid > 0);
        quarantined.forEach(q -> Statistics.label("reason").collect(q.reason()));
        assertEquals(List.of(), quarantined.stream().filter(q -> q.reason() == Reason.PROCESSING_ERROR)
                .map(QuarantineRecord::detail).toList(), "an exception escaped the rules");
        assertEquals(0.0, pipeline.unaccounted(), "units without exactly one outcome");
    }

    private static final List<String> FIXTURES = List.of("canonical-conversation.json", "gong-calls-extensive.json",
            "gong-transcript.json", "zoom-recording-completed.json", "signal-batch.json");

    /** One change to a payload: which field (by its position among all fields), what to do, with what. */
    private record Mutation(int field, Operation operation, String value) {
    }

    private enum Operation { REMOVE, REPLACE }

    @Provide
    Arbitrary<String> mutants() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.of(Operation.class), value(1)).as(Mutation::new);
        return Combinators.combine(Arbitraries.of(FIXTURES), mutation.list().ofMinSize(1).ofMaxSize(3))
                .as(IngestPropertiesTest::mutate);
    }

    private static String mutate(String fixture, List<Mutation> mutations) {
        ObjectNode root = (ObjectNode) JsonPayloads.parseContainer(
                PipelineDriver.payload(fixture).getBytes(StandardCharsets.UTF_8));
        for (Mutation mutation : mutations) {
            List<Map.Entry<ObjectNode, String>> fields = new ArrayList<>();
            collectFields(root, fields);
            Map.Entry<ObjectNode, String> field = fields.get(mutation.field() % fields.size());
            if (mutation.operation() == Operation.REMOVE) {
                field.getKey().remove(field.getValue());
            } else {
                field.getKey().putRawValue(field.getValue(), new RawValue(mutation.value()));
            }
        }
        return root.toString();
    }

    private static void collectFields(JsonNode node, List<Map.Entry<ObjectNode, String>> fields) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> fields.add(Map.entry(object, name)));
        }
        node.forEach(child -> collectFields(child, fields));
    }

    @Provide
    Arbitrary<String> objects() {
        return object(3);
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of(NASTY_NUMBERS),
                Arbitraries.of(NASTY_TEXT).map(IngestPropertiesTest::quoted),
                Arbitraries.strings().ofMaxLength(12).map(IngestPropertiesTest::quoted),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(d -> !d.contains("N") && !d.contains("I")),
                Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar),
                Tuple.of(2, object(depth - 1)),
                Tuple.of(2, array(depth - 1)));
    }

    private Arbitrary<String> object(int depth) {
        Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(FIELDS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
        return Arbitraries.maps(key, Arbitraries.lazy(() -> value(depth))).ofMaxSize(8)
                .map(fields -> fields.entrySet().stream().map(e -> quoted(e.getKey()) + ":" + e.getValue())
                        .collect(Collectors.joining(",", "{", "}")));
    }

    private Arbitrary<String> array(int depth) {
        return Arbitraries.lazy(() -> value(depth)).list().ofMaxSize(4)
                .map(items -> String.join(",", items)).map(items -> "[" + items + "]");
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
