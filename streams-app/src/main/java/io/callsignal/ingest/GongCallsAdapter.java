package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Participant;
import io.callsignal.validate.DurationRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gong's {@code POST /v2/calls/extensive} response: a page of calls, each one conversation.
 * {@code metaData} gives the call (duration in seconds, language), {@code parties} the people (affiliation
 * Internal is our rep, External the prospect), {@code context} the CRM objects (Salesforce's
 * Opportunity or HubSpot's Deal: deal_id; Account or Company: account_id). The content, interaction, collaboration and media sections are
 * recognised but not carried (bronze keeps the raw payload).
 */
final class GongCallsAdapter implements Adapter<Conversation> {

    static final String PLATFORM = "gong";

    /** metaData fields with no column of their own: kept in the metadata map under the same names. */
    private static final List<String> METADATA = List.of("title", "url", "scheduled", "direction", "system",
            "scope", "media", "purpose", "meetingUrl", "workspaceId", "primaryUserId",
            "calendarEventId", "clientUniqueId", "customData", "sdrDisposition", "isPrivate");

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public boolean matches(JsonNode root) {
        return root.isObject() && root.path("calls").isArray();
    }

    @Override
    public List<Extracted<Conversation>> extract(JsonNode root, Extraction extraction) {
        TrackedObject page = TrackedObject.of(root, "");
        page.recognise("requestId", "records");
        JsonNode calls = page.get("calls");
        ObjectNode pageRest = page.unrecognised();
        return extraction.each(calls, "calls", (call, index) -> read(call, index, pageRest, extraction));
    }

    private static Conversation read(TrackedObject call, int index, ObjectNode pageRest, Extraction extraction) {
        TrackedObject meta = call.object("metaData");
        if (meta == null) {
            throw RejectedException.missing(call.fieldPath("metaData"));
        }
        Conversation.Builder conversation = Conversation.newBuilder()
                .setCallId(meta.requiredText("id"))
                .setSourcePlatform(PLATFORM)
                .setCallTimestamp(extraction.timestamps().parse(meta.get("started"), meta.fieldPath("started")))
                .setDurationSeconds(DurationRules.seconds(meta.get("duration"), meta.fieldPath("duration"), 1))
                .setParticipants(parties(call))
                .setMetadata(metadata(meta))
                .setLanguage(meta.text("language"))
                .setSource(extraction.source(index));
        crmContext(call.get("context"), conversation);
        call.recognise("content", "interaction", "collaboration", "media");
        return conversation.setRescuedData(Extraction.rescued(call, pageRest)).build();
    }

    private static List<Participant> parties(TrackedObject call) {
        List<TrackedObject> parties = call.objects("parties");
        if (parties == null) {
            return null;
        }
        List<Participant> participants = new ArrayList<>(parties.size());
        for (TrackedObject party : parties) {
            party.recognise("id", "title", "userId", "speakerId", "phoneNumber", "methods", "context");
            participants.add(Participants.of(party.text("name"), party.text("emailAddress"),
                    role(party.text("affiliation"))));
        }
        return participants;
    }

    private static String role(String affiliation) {
        if (affiliation == null) {
            return Participants.UNKNOWN;
        }
        return switch (affiliation.toLowerCase(Locale.ROOT)) {
            case "internal" -> Participants.REP;
            case "external" -> Participants.PROSPECT;
            default -> Participants.UNKNOWN;
        };
    }

    private static Map<String, String> metadata(TrackedObject meta) {
        Map<String, String> values = new TreeMap<>();
        for (String name : METADATA) {
            String value = meta.text(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    /** CRM objects the call is linked to; the first deal and account win. */
    private static void crmContext(JsonNode context, Conversation.Builder conversation) {
        if (context == null || !context.isArray()) {
            return;
        }
        for (JsonNode system : context) {
            for (JsonNode object : system.path("objects")) {
                String type = object.path("objectType").asText("");
                String id = object.path("objectId").isValueNode() ? object.path("objectId").asText() : null;
                if (id == null || id.isBlank()) {
                    continue;
                }
                boolean deal = type.equalsIgnoreCase("Opportunity") || type.equalsIgnoreCase("Deal");
                boolean account = type.equalsIgnoreCase("Account") || type.equalsIgnoreCase("Company");
                if (deal && conversation.getDealId() == null) {
                    conversation.setDealId(id);
                } else if (account && conversation.getAccountId() == null) {
                    conversation.setAccountId(id);
                }
            }
        }
    }
}
