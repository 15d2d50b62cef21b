package io.callsignal.dedup;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callsignal.schema.Conversation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What is known of a call: a fingerprint per field any update has set. An update that sets only
 * fields already known, to the same values, changes nothing and is a duplicate.
 */
record ConversationState(@JsonProperty("fields") Map<String, Long> fields) {

    /** All of a conversation but its key and its lineage. */
    static final ContentFingerprints CONTENT = new ContentFingerprints(Conversation.SCHEMA$, Set.of("call_id", "source"));

    static ConversationState of(Conversation conversation) {
        return new ConversationState(CONTENT.perField(conversation));
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
