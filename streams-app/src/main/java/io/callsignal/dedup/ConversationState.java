package io.callsignal.dedup;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callsignal.schema.Conversation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known of a call: a fingerprint per field any update has set. An update that sets only
 * fields already known, to the same values, changes nothing and is a duplicate.
 */
record ConversationState(@JsonProperty("fields") Map<String, Long> fields) {

    static final List<String> CONTENT = List.of("source_platform", "call_timestamp", "duration_seconds",
            "participants", "deal_id", "account_id", "transcript_text", "metadata", "rescued_data");

    static ConversationState of(Conversation conversation) {
        Map<String, Long> fields = new HashMap<>();
        for (String name : CONTENT) {
            Object value = conversation.get(name);
            if (value != null) {
                fields.put(name, Fingerprints.of(value));
            }
        }
        return new ConversationState(fields);
    }

    boolean covers(ConversationState update) {
        return fields.entrySet().containsAll(update.fields.entrySet());
    }

    ConversationState merge(ConversationState update) {
        Map<String, Long> merged = new HashMap<>(fields);
        merged.putAll(update.fields);
        return new ConversationState(merged);
    }
}
