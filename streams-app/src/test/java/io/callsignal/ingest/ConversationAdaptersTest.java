package io.callsignal.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsignal.rejection.Reason;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Participant;
import io.callsignal.testkit.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each producer format becomes canonical conversations, keyed by call_id, with what was not understood rescued. */
class ConversationAdaptersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineDriver pipeline = new PipelineDriver();

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void gongCallsPageBecomesOneConversationPerCall() throws Exception {
        pipeline.sendConversation(PipelineDriver.payload("gong-calls-extensive.json"));

        List<TestRecord<String, Conversation>> out = pipeline.conversations();
        assertEquals(2, out.size());
        Conversation first = out.get(0).value();
        assertEquals("7782342274025937895", out.get(0).key());
        assertEquals("7782342274025937895", first.getCallId());
        assertEquals("gong", first.getSourcePlatform());
        assertEquals(Instant.parse("2026-02-18T18:31:12Z"), first.getCallTimestamp());
        assertEquals(1860, first.getDurationSeconds());
        assertEquals(List.of(
                new Participant("Dana Rep", "dana.rep@acme.com", "rep"),
                new Participant("Hank Scorpio", "hank@globex.com", "prospect"),
                new Participant("Dial-in user", null, "unknown")), first.getParticipants());
        assertEquals("0063601230xK9AbAAK", first.getDealId());
        assertEquals("0013601230sV7grAAC", first.getAccountId());
        assertEquals("Acme <> Globex: discovery", first.getMetadata().get("title"));
        assertEquals("https://app.gong.io/call?id=7782342274025937895", first.getMetadata().get("url"));
        assertNull(first.getRescuedData(), "every field of the first call is documented by Gong");
        assertEquals(0, first.getSource().getIndex());

        Conversation second = out.get(1).value();
        assertEquals(1, second.getSource().getIndex());
        assertEquals(JSON.readTree("{\"metaData\":{\"callSentiment\":\"positive\"},"
                + "\"parties\":{\"1\":{\"favouriteColour\":\"red\"}}}"), JSON.readTree(second.getRescuedData()));
        assertEquals(0, pipeline.unaccounted());
    }

    @Test
    void gongTranscriptBecomesAPartialUpdateInTimeOrder() {
        pipeline.sendConversation(PipelineDriver.payload("gong-transcript.json"));

        Conversation update = pipeline.conversations().get(0).value();
        assertEquals("7782342274025937895", update.getCallId());
        assertEquals("""
                [00:00:01] 6432345678555530067: Thanks for making the time today.
                [00:01:05] 8432345678555530068: What would this cost us per seat?
                [00:01:10] 6432345678555530067: It depends on the tier; let me walk you through it.""",
                update.getTranscriptText());
        assertNull(update.getCallTimestamp(), "a partial update says nothing of the call's other fields");
        assertNull(update.getParticipants());
        assertNull(update.getDurationSeconds());
    }

    @Test
    void zoomRecordingCompletedBecomesAConversationWithoutItsSecrets() throws Exception {
        pipeline.sendConversation(PipelineDriver.payload("zoom-recording-completed.json"));

        Conversation call = pipeline.conversations().get(0).value();
        assertEquals("WEz4RT2lSyKx2MD9Z+lYfA==", call.getCallId());
        assertEquals("zoom", call.getSourcePlatform());
        assertEquals(Instant.parse("2026-02-20T17:01:56Z"), call.getCallTimestamp());
        assertEquals(42 * 60, call.getDurationSeconds(), "Zoom's duration is in minutes");
        assertEquals(List.of(new Participant(null, "elisa@acme.com", "rep")), call.getParticipants());
        assertEquals("87565330005", call.getMetadata().get("zoom_meeting_id"));
        assertEquals("Acme <> Hooli: pricing review", call.getMetadata().get("title"));
        assertEquals(JSON.readTree("{\"payload\":{\"object\":{\"on_prem\":false}}}"), JSON.readTree(call.getRescuedData()));
        String everything = call.toString();
        assertFalse(everything.contains("s3cret") || everything.contains("abcdefghijklmnop")
                || everything.contains("eyJ0eXAi"), "passwords and tokens are never kept: " + everything);
    }

    @Test
    void canonicalConversationKeepsItsFieldsAndRescuesTheRest() throws Exception {
        pipeline.sendConversation(PipelineDriver.payload("canonical-conversation.json"));

        Conversation call = pipeline.conversations().get(0).value();
        assertEquals("crm-call-1001", call.getCallId());
        assertEquals("dialer", call.getSourcePlatform());
        assertEquals(Instant.ofEpochMilli(1771502400000L), call.getCallTimestamp());
        assertEquals(615, call.getDurationSeconds());
        assertEquals("D-5001", call.getDealId());
        assertEquals("A-77", call.getAccountId());
        assertEquals(Map.of("title", "Renewal check-in", "queue", "renewals"), call.getMetadata());
        assertEquals(JSON.readTree("{\"sentiment_v2\":{\"score\":0.4}}"), JSON.readTree(call.getRescuedData()));
        assertEquals(1.0, pipeline.metrics.total("callsignal.rescued", io.callsignal.rejection.Entity.CONVERSATION));
    }

    @Test
    void thePlatformHeaderChoosesTheAdapter() {
        String canonicalWithoutPlatform = "{\"call_id\":\"h-1\",\"call_timestamp\":\"2026-02-01T10:00:00+01:00\"}";

        pipeline.sendConversation(canonicalWithoutPlatform.getBytes(StandardCharsets.UTF_8), Map.of("source_platform", "hubspot"));
        pipeline.sendConversation(canonicalWithoutPlatform.getBytes(StandardCharsets.UTF_8), Map.of("source_platform", "gong"));

        List<TestRecord<String, Conversation>> out = pipeline.conversations();
        assertEquals(1, out.size());
        assertEquals("hubspot", out.get(0).value().getSourcePlatform(), "an unknown platform reads the canonical format");
        var rejected = pipeline.quarantined();
        assertEquals(1, rejected.size());
        assertEquals(Reason.UNRECOGNIZED_FORMAT, rejected.get(0).reason(), "gong's header demands a Gong shape");
        assertTrue(rejected.get(0).detail().contains("gong"), rejected.get(0).detail());
    }
}
