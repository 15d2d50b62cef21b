package io.callsignal.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.quarantine.Violation;
import io.callsignal.rejection.Reason;
import java.io.IOException;

/** Strict JSON for raw payloads: a repeated key or trailing data is malformed, not silently resolved. */
public final class JsonPayloads {

    // NaN and Infinity are accepted as numbers (Python's json.dumps writes them) so that rules can name the real problem.
    /** Deeper than any producer's payload (a Gong page nests 6 levels); deeper is MALFORMED_JSON, not a stack overflow. */
    static final int MAX_NESTING_DEPTH = 200;
    /** Characters of a number's literal; longer is MALFORMED_JSON. Values are bounded again by the rules that read them. */
    static final int MAX_NUMBER_LENGTH = 1000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // A string is bounded by MAX_PAYLOAD_BYTES, checked before parsing; Jackson's own default
                    // (20M characters) would refuse a valid payload under a larger configured limit.
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH).maxStringLength(Integer.MAX_VALUE).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonPayloads() {
    }

    /** The JSON object or array in {@code bytes} (a HubSpot webhook delivers an array of events). */
    public static JsonNode parseContainer(byte[] bytes) {
        if (bytes == null) {
            throw new RejectedException(Violation.of(Reason.MALFORMED_JSON, "the record is a tombstone (null value)"));
        }
        if (bytes.length == 0) {
            throw new RejectedException(Violation.of(Reason.MALFORMED_JSON, "the value is empty"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new RejectedException(Violation.of(Reason.MALFORMED_JSON, firstLine(e.getMessage())));
        }
        if (root == null || root.isMissingNode()) {
            throw new RejectedException(Violation.of(Reason.MALFORMED_JSON, "the value holds no JSON"));
        }
        if (!root.isContainerNode()) {
            throw new RejectedException(Violation.of(Reason.UNRECOGNIZED_FORMAT,
                    "the value is a JSON " + root.getNodeType().name().toLowerCase() + ", not an object or array"));
        }
        return root;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
