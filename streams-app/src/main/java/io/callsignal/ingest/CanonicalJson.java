package io.callsignal.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import java.nio.charset.StandardCharsets;

/** A typed event written back as canonical JSON, which its canonical adapter reads as the same event. */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    public static byte[] of(Signal signal) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("signal_id", signal.getSignalId())
                .put("call_id", signal.getCallId())
                .put("signal_name", signal.getSignalName())
                .put("signal_value", signal.getSignalValue())
                .put("signal_type", signal.getSignalType())
                .put("confidence", signal.getConfidence())
                .put("scoring_version", signal.getScoringVersion())
                .put("evaluated_at", signal.getEvaluatedAt().toString());
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] of(Deal deal) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("deal_id", deal.getDealId())
                .put("source_system", deal.getSourceSystem())
                .put("stage", deal.getStage())
                .put("is_closed", deal.getIsClosed())
                .put("is_won", deal.getIsWon())
                .put("amount", deal.getAmount())
                .put("close_date", deal.getCloseDate() == null ? null : deal.getCloseDate().toString())
                .put("updated_at", deal.getUpdatedAt().toString());
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
