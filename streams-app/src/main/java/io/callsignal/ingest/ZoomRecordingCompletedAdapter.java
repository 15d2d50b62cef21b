package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.schema.Conversation;
import io.callsignal.validate.DurationRules;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Zoom's {@code recording.completed} webhook. The meeting instance's {@code uuid} is the call id
 * (the numeric {@code id} is reused by every instance of a recurring meeting); {@code duration} is
 * in minutes; the host is our rep. Passwords, passcodes and the download token are recognised and
 * never kept.
 */
final class ZoomRecordingCompletedAdapter implements Adapter<Conversation> {

    static final String PLATFORM = "zoom";
    static final String EVENT = "recording.completed";

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public boolean matches(JsonNode root) {
        return root.isObject() && EVENT.equals(root.path("event").asText()) && root.path("payload").isObject();
    }

    @Override
    public List<Extracted<Conversation>> extract(JsonNode root, Extraction extraction) {
        TrackedObject webhook = TrackedObject.of(root, "");
        webhook.recognise("event", "event_ts", "download_token");
        TrackedObject payload = webhook.object("payload");
        TrackedObject meeting = payload.object("object");
        if (meeting == null) {
            throw RejectedException.missing("payload.object");
        }
        meeting.recognise("recording_files", "password", "recording_play_passcode", "account_id",
                "participant_audio_files");
        Map<String, String> metadata = new TreeMap<>();
        putIfPresent(metadata, "title", meeting.text("topic"));
        putIfPresent(metadata, "zoom_meeting_id", meeting.text("id"));
        putIfPresent(metadata, "zoom_host_id", meeting.text("host_id"));
        putIfPresent(metadata, "zoom_meeting_type", meeting.text("type"));
        putIfPresent(metadata, "timezone", meeting.text("timezone"));
        putIfPresent(metadata, "url", meeting.text("share_url"));
        putIfPresent(metadata, "total_size", meeting.text("total_size"));
        putIfPresent(metadata, "recording_count", meeting.text("recording_count"));
        putIfPresent(metadata, "zoom_account_id", payload.text("account_id"));
        String host = meeting.text("host_email");
        Conversation conversation = Conversation.newBuilder()
                .setCallId(meeting.requiredText("uuid"))
                .setSourcePlatform(PLATFORM)
                .setCallTimestamp(extraction.timestamps().parse(meeting.get("start_time"), "payload.object.start_time"))
                .setDurationSeconds(DurationRules.seconds(meeting.get("duration"), "payload.object.duration", 60))
                .setParticipants(host == null ? null : List.of(Participants.of(null, host, Participants.REP)))
                .setMetadata(metadata)
                .setRescuedData(Extraction.rescued(webhook))
                .setSource(extraction.source(null))
                .build();
        return extraction.single(conversation);
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
