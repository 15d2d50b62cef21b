package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Participant;
import io.callsignal.validate.DurationRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The canonical conversation: the fields of the Conversation schema by name. */
final class CanonicalConversationAdapter implements Adapter<Conversation> {

    private static final Set<String> FIELDS = Set.of("call_id", "source_platform", "call_timestamp",
            "duration_seconds", "participants", "deal_id", "account_id", "transcript_text", "metadata", "language");

    @Override
    public String platform() {
        return null;
    }

    @Override
    public boolean matches(JsonNode root) {
        return root.isObject() && FIELDS.stream().anyMatch(root::has);
    }

    @Override
    public List<Extracted<Conversation>> extract(JsonNode root, Extraction extraction) {
        TrackedObject call = TrackedObject.of(root, "");
        String callId = call.requiredText("call_id");
        String platform = call.text("source_platform");
        if (platform == null) {
            platform = extraction.headerPlatform();
        }
        if (platform == null || platform.isBlank()) {
            throw RejectedException.missing("source_platform");
        }
        Conversation conversation = Conversation.newBuilder()
                .setCallId(callId)
                .setSourcePlatform(platform)
                .setCallTimestamp(extraction.timestamps().parse(call.get("call_timestamp"), "call_timestamp"))
                .setDurationSeconds(DurationRules.seconds(call.get("duration_seconds"), "duration_seconds", 1))
                .setParticipants(participants(call))
                .setDealId(call.text("deal_id"))
                .setAccountId(call.text("account_id"))
                .setTranscriptText(call.text("transcript_text"))
                .setMetadata(metadata(call.object("metadata")))
                .setLanguage(call.text("language"))
                .setRescuedData(Extraction.rescued(call))
                .setSource(extraction.source(null))
                .build();
        return extraction.single(conversation);
    }

    private static List<Participant> participants(TrackedObject call) {
        List<TrackedObject> people = call.objects("participants");
        if (people == null) {
            return null;
        }
        List<Participant> participants = new ArrayList<>(people.size());
        for (TrackedObject person : people) {
            participants.add(Participants.of(person.text("name"), person.text("email"), person.text("role")));
        }
        return participants;
    }

    private static Map<String, String> metadata(TrackedObject metadata) {
        if (metadata == null) {
            return null;
        }
        Map<String, String> values = new TreeMap<>();
        metadata.fields().forEachRemaining(field -> values.put(field.getKey(), Extraction.asText().apply(field.getValue())));
        return values;
    }
}
