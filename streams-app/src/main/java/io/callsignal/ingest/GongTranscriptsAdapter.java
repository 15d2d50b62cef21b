package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.rejection.Reason;
import io.callsignal.schema.Conversation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Gong's {@code POST /v2/calls/transcript} response: per call, speaker blocks of timed sentences.
 * Each call becomes a partial update carrying only {@code transcript_text}: one line per sentence,
 * in time order, {@code [hh:mm:ss] <speakerId>: <text>} (Gong names speakers by id; the call's
 * parties map ids to people).
 */
final class GongTranscriptsAdapter implements Adapter<Conversation> {

    private record Sentence(long startMs, String speaker, String text) {
    }

    @Override
    public String platform() {
        return GongCallsAdapter.PLATFORM;
    }

    @Override
    public boolean matches(JsonNode root) {
        return root.isObject() && root.path("callTranscripts").isArray();
    }

    @Override
    public List<Extracted<Conversation>> extract(JsonNode root, Extraction extraction) {
        TrackedObject page = TrackedObject.of(root, "");
        page.recognise("requestId", "records");
        JsonNode calls = page.get("callTranscripts");
        ObjectNode pageRest = page.unrecognised();
        return extraction.each(calls, "callTranscripts", (call, index) -> Conversation.newBuilder()
                .setCallId(call.requiredText("callId"))
                .setSourcePlatform(GongCallsAdapter.PLATFORM)
                .setTranscriptText(transcript(call))
                .setRescuedData(Extraction.rescued(call, pageRest))
                .setSource(extraction.source(index))
                .build());
    }

    private static String transcript(TrackedObject call) {
        List<TrackedObject> blocks = call.objects("transcript");
        if (blocks == null) {
            throw RejectedException.missing(call.fieldPath("transcript"));
        }
        List<Sentence> sentences = new ArrayList<>();
        for (TrackedObject block : blocks) {
            block.recognise("topic");
            String speaker = block.text("speakerId");
            List<TrackedObject> said = block.objects("sentences");
            if (said == null) {
                continue;
            }
            for (TrackedObject sentence : said) {
                sentence.recognise("end");
                JsonNode start = sentence.get("start");
                if (start == null || !start.canConvertToLong()) {
                    throw RejectedException.invalid(Reason.INVALID_FIELD, sentence.fieldPath("start"),
                            sentence.fieldPath("start") + " must be milliseconds from the call's start");
                }
                sentences.add(new Sentence(start.longValue(), speaker == null ? "unknown" : speaker,
                        sentence.text("text")));
            }
        }
        return sentences.stream()
                .sorted(Comparator.comparingLong(Sentence::startMs))
                .map(s -> String.format("[%s] %s: %s", clock(s.startMs()), s.speaker(), s.text() == null ? "" : s.text()))
                .collect(Collectors.joining("\n"));
    }

    private static String clock(long millis) {
        long seconds = millis / 1000;
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
