package io.callsignal.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.ingest.SignalIds;
import io.callsignal.rejection.Reason;
import io.callsignal.sample.SampleTruth.ConversationUnit;
import io.callsignal.sample.SampleTruth.SignalUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A reproducible sample of what producers send in a few busy weeks: calls from Gong (pages of the
 * extensive-calls API, then their transcripts), Zoom (recording.completed webhooks) and a canonical
 * producer, and the evaluation service's signals for them, with what real traffic brings: webhook
 * retries and resent batches, re-evaluations under the same and a new scoring_version, a
 * re-evaluation that overtakes its original, and a share of bad records of every reason a producer
 * can cause. Alongside, the truth: what the pipeline must make of it (see {@link SampleTruth}).
 */
public final class SampleGenerator {

    /** Where a sample record goes. */
    public enum Destination {
        CONVERSATIONS_RAW, SIGNALS_RAW,
        /** Only the undecodable record: a misconfigured producer writing to a typed topic. */
        SIGNALS_VALID
    }

    /**
     * One record to publish; {@code platform} becomes the source_platform header when not null.
     * {@code units}: what the streams app must make of each unit it carries, in order (none for a
     * record only the sink reads).
     */
    public record SampleRecord(Destination destination, String key, byte[] value, String platform,
            List<UnitOutcome> units) {
    }

    /** What becomes of one unit of a record: its index in a multi-event payload (null for a whole record), and its fate. */
    public record UnitOutcome(Integer index, Fate fate, Reason reason) {
    }

    /** A unit passes to its valid topic, is dropped (a duplicate or a stale evaluation), or is quarantined. */
    public enum Fate { VALID, DROPPED, QUARANTINED }

    /** The records, in publishing order, and the counts the pipeline must produce from them. */
    public record Sample(List<SampleRecord> records, SortedMap<String, Long> truth) {
    }

    private enum Platform { GONG, ZOOM, CANONICAL }

    private record Rep(String name, String email) {
    }

    private record Deal(String dealId, String accountId, String company) {
    }

    private record PlannedCall(String callId, Platform platform, Instant start, int durationSeconds, Rep rep,
            Deal deal, String prospect) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant WINDOW_START = Instant.parse("2026-08-03T08:00:00Z");
    private static final long WINDOW_MINUTES = Duration.ofDays(84).toMinutes();
    private static final List<Rep> REPS = List.of(new Rep("Ana Lima", "ana.lima@acme.example"),
            new Rep("Ben Okafor", "ben.okafor@acme.example"), new Rep("Chloe Martin", "Chloe.Martin@acme.example"),
            new Rep("Dev Patel", "dev.patel@acme.example"), new Rep("Elif Kaya", "elif.kaya@acme.example"),
            new Rep("Femi Adeyemi", "femi.adeyemi@acme.example"), new Rep("Grace Chen", "grace.chen@acme.example"),
            new Rep("Hugo Silva", "hugo.silva@acme.example"));
    private static final List<String> COMPANIES = List.of("Northwind", "Globex", "Initech", "Umbrella", "Hooli",
            "Stark Industries", "Wayne Enterprises", "Tyrell", "Cyberdyne", "Soylent", "Wonka", "Acme Shipping");
    private static final List<String> PEOPLE = List.of("Sam Rivera", "Jo Becker", "Priya Nair", "Lena Novak",
            "Omar Haddad", "Mia Rossi", "Kenji Sato", "Zoe Dubois", "Luca Bianchi", "Ines Costa");
    private static final List<String> STAGES = List.of("discovery", "demo", "evaluation", "negotiation", "closing");
    private static final List<String> SENTENCES = List.of("Thanks for making the time today.",
            "Can you walk me through how your team handles onboarding?", "Budget is approved for this quarter.",
            "We are also looking at a competitor's offer.", "The price is higher than we expected.",
            "Let's schedule a technical deep dive next week.", "Who else needs to sign off on this?",
            "I'll send over the security questionnaire.");

    private final Random random;
    private final long maxPayloadBytes;
    private final List<Deal> deals = new ArrayList<>();
    private final List<SampleRecord> records = new ArrayList<>();
    private final SampleTruth truth = new SampleTruth();
    private Supplier<List<UnitOutcome>> lastTruth;
    private int badRecords;

    private SampleGenerator(long seed, long maxPayloadBytes) {
        this.random = new Random(seed);
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * A sample of {@code calls} calls. {@code maxPayloadBytes} is the streams app's limit: the
     * oversized record is made just larger than it (and left out when that would exceed what a
     * Kafka producer sends by default).
     */
    public static Sample generate(int calls, long seed, long maxPayloadBytes) {
        SampleGenerator generator = new SampleGenerator(seed, maxPayloadBytes);
        generator.publish(generator.plan(calls));
        return new Sample(List.copyOf(generator.records), generator.truth.expected());
    }

    private List<PlannedCall> plan(int calls) {
        for (int i = 0; i < Math.max(1, calls / 4); i++) {
            deals.add(new Deal("006Dn0000" + (4_000_000 + random.nextInt(5_000_000)),
                    "001Dn0000" + (7_000_000 + random.nextInt(2_000_000)), pick(COMPANIES)));
        }
        List<PlannedCall> planned = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            double roll = random.nextDouble();
            Platform platform = roll < 0.4 ? Platform.GONG : roll < 0.65 ? Platform.ZOOM : Platform.CANONICAL;
            String callId = switch (platform) {
                case GONG -> String.valueOf(7_000_000_000_000_000_000L + Math.floorMod(random.nextLong(),
                        1_000_000_000_000_000_000L));
                case ZOOM -> zoomUuid();
                case CANONICAL -> "call-" + new UUID(random.nextLong(), random.nextLong());
            };
            Instant start = WINDOW_START.plus(Duration.ofMinutes(random.nextLong(WINDOW_MINUTES)));
            Deal deal = platform == Platform.ZOOM && random.nextBoolean() ? null : pick(deals);
            planned.add(new PlannedCall(callId, platform, start, 300 + random.nextInt(3300), pick(REPS), deal,
                    pick(PEOPLE)));
        }
        planned.sort(Comparator.comparing(PlannedCall::start));
        return planned;
    }

    private void publish(List<PlannedCall> calls) {
        int target = Math.max(1, calls.size() / 100) * BadRecord.values().length;
        int badEvery = Math.max(1, calls.size() / target);
        List<PlannedCall> gongPage = new ArrayList<>();
        int gongPageSize = 1 + random.nextInt(4);
        for (int i = 0; i < calls.size(); i++) {
            PlannedCall call = calls.get(i);
            switch (call.platform()) {
                case GONG -> {
                    gongPage.add(call);
                    if (gongPage.size() == gongPageSize) {
                        gongPage(gongPage);
                        gongPage.clear();
                        gongPageSize = 1 + random.nextInt(4);
                    }
                }
                case ZOOM -> {
                    zoomWebhook(call);
                    signals(call);
                }
                case CANONICAL -> {
                    canonicalConversation(call);
                    signals(call);
                }
            }
            if (i % badEvery == 0 && badRecords < target) {
                badRecord(calls.get(random.nextInt(i + 1)));
            }
        }
        if (!gongPage.isEmpty()) {
            gongPage(gongPage);
        }
        while (badRecords < target) {
            badRecord(calls.get(random.nextInt(calls.size())));
        }
    }

    // Conversations ---------------------------------------------------------------------------------

    /** A page of Gong calls, then a page of transcripts for some of them, then their signals. */
    private void gongPage(List<PlannedCall> page) {
        ObjectNode response = JSON.createObjectNode();
        response.put("requestId", "req-" + Long.toHexString(random.nextLong()));
        response.putObject("records").put("totalRecords", page.size()).put("currentPageSize", page.size())
                .put("currentPageNumber", 0);
        ArrayNode array = response.putArray("calls");
        List<ConversationUnit> units = new ArrayList<>();
        for (PlannedCall call : page) {
            ObjectNode gongCall = array.addObject();
            ObjectNode meta = gongCall.putObject("metaData");
            meta.put("id", call.callId())
                    .put("url", "https://app.gong.io/call?id=" + call.callId())
                    .put("title", (call.deal() == null ? "Intro" : call.deal().company()) + " / Acme sync")
                    .put("scheduled", call.start().minus(Duration.ofMinutes(2)).toString())
                    .put("started", call.start().toString())
                    .put("duration", call.durationSeconds())
                    .put("direction", "Conference").put("system", "Zoom").put("scope", "External")
                    .put("media", "Video").put("language", "eng");
            ArrayNode parties = gongCall.putArray("parties");
            parties.addObject().put("id", "p1").put("name", call.rep().name()).put("emailAddress", call.rep().email())
                    .put("affiliation", "Internal").put("speakerId", "s1");
            parties.addObject().put("id", "p2").put("name", call.prospect())
                    .put("emailAddress", email(call.prospect(), call.deal()))
                    .put("affiliation", "External").put("speakerId", "s2");
            if (call.deal() != null) {
                ArrayNode objects = gongCall.putArray("context").addObject().put("system", "Salesforce")
                        .putArray("objects");
                objects.addObject().put("objectType", "Opportunity").put("objectId", call.deal().dealId());
                objects.addObject().put("objectType", "Account").put("objectId", call.deal().accountId());
            }
            units.add(new ConversationUnit(call.callId(), Map.of("call", gongCall.toString()),
                    dealOf(call), List.of(call.rep().email()), call.start()));
        }
        String key = page.get(0).callId();
        conversation(key, "gong", response, units);
        maybeResend();

        ObjectNode transcripts = JSON.createObjectNode();
        transcripts.put("requestId", "req-" + Long.toHexString(random.nextLong()));
        ArrayNode callTranscripts = transcripts.putArray("callTranscripts");
        List<ConversationUnit> transcriptUnits = new ArrayList<>();
        for (PlannedCall call : page) {
            if (random.nextDouble() < 0.6) {
                ObjectNode transcript = callTranscripts.addObject().put("callId", call.callId());
                transcript.set("transcript", transcript(call));
                transcriptUnits.add(new ConversationUnit(call.callId(),
                        Map.of("transcript_text", transcript.toString()), null, null, null));
            }
        }
        if (!transcriptUnits.isEmpty()) {
            conversation(key, "gong", transcripts, transcriptUnits);
            maybeResend();
        }
        page.forEach(this::signals);
    }

    private ArrayNode transcript(PlannedCall call) {
        ArrayNode blocks = JSON.createArrayNode();
        long at = 0;
        for (int i = 0; i < 3 + random.nextInt(5); i++) {
            ObjectNode block = blocks.addObject().put("speakerId", i % 2 == 0 ? "s1" : "s2").put("topic", "Discussion");
            ArrayNode sentences = block.putArray("sentences");
            for (int j = 0; j < 1 + random.nextInt(3); j++) {
                at += 2_000 + random.nextInt(20_000);
                sentences.addObject().put("start", at).put("end", at + 1_500).put("text", pick(SENTENCES));
            }
        }
        return blocks;
    }

    private void zoomWebhook(PlannedCall call) {
        ObjectNode webhook = JSON.createObjectNode();
        webhook.put("event", "recording.completed").put("event_ts", call.start().toEpochMilli() + 600_000);
        ObjectNode payload = webhook.putObject("payload").put("account_id", "zAcc0Acme");
        ObjectNode meeting = payload.putObject("object");
        meeting.put("uuid", call.callId()).put("id", 80_000_000_000L + random.nextInt(1_000_000_000))
                .put("host_id", "zH" + Integer.toHexString(REPS.indexOf(call.rep()) + 16))
                .put("host_email", call.rep().email())
                .put("topic", call.rep().name() + " <> " + call.prospect())
                .put("type", 2).put("start_time", call.start().toString())
                .put("timezone", "Europe/London").put("duration", Math.max(1, call.durationSeconds() / 60))
                .put("share_url", "https://acme.zoom.us/rec/share/" + Long.toHexString(random.nextLong()))
                .put("total_size", 1_000_000 + random.nextInt(90_000_000)).put("recording_count", 2)
                .put("password", "not-kept");
        meeting.putArray("recording_files").addObject().put("file_type", "MP4");
        webhook.put("download_token", "tok-" + Long.toHexString(random.nextLong()));
        // A Zoom recording knows no CRM deal.
        ConversationUnit unit = new ConversationUnit(call.callId(), Map.of("call", payload.toString()), null,
                List.of(call.rep().email()), call.start());
        conversation(call.callId(), "zoom", webhook, List.of(unit));
        if (random.nextDouble() < 0.08) {
            // Zoom retries a webhook it thinks failed: same recording, new timestamp and download token.
            webhook.put("event_ts", webhook.get("event_ts").asLong() + 30_000)
                    .put("download_token", "tok-" + Long.toHexString(random.nextLong()));
            conversation(call.callId(), "zoom", webhook, List.of(unit));
        }
    }

    private void canonicalConversation(PlannedCall call) {
        ObjectNode conversation = canonicalCall(call);
        conversation.put("transcript_text", String.join("\n", SENTENCES.subList(0, 2 + random.nextInt(5))));
        conversation.putObject("metadata").put("recorder", "chorus").put("recording_id",
                Long.toHexString(random.nextLong()));
        if (random.nextDouble() < 0.2) {
            conversation.put("crm_stage_hint", pick(STAGES));
        }
        conversation(call.callId(), null, conversation, List.of(new ConversationUnit(call.callId(),
                Map.of("call", conversation.toString()), dealOf(call), List.of(call.rep().email()), call.start())));
        maybeResend();
    }

    private ObjectNode canonicalCall(PlannedCall call) {
        ObjectNode conversation = JSON.createObjectNode();
        conversation.put("call_id", call.callId()).put("source_platform", "chorus")
                .put("call_timestamp", call.start().toString()).put("duration_seconds", call.durationSeconds());
        ArrayNode participants = conversation.putArray("participants");
        participants.addObject().put("name", call.rep().name()).put("email", call.rep().email()).put("role", "rep");
        participants.addObject().put("name", call.prospect()).put("email", email(call.prospect(), call.deal()))
                .put("role", "prospect");
        if (call.deal() != null) {
            conversation.put("deal_id", call.deal().dealId()).put("account_id", call.deal().accountId());
        }
        return conversation;
    }

    // Signals ---------------------------------------------------------------------------------------

    private void signals(PlannedCall call) {
        Instant evaluated = call.start().plusSeconds(call.durationSeconds()).plus(Duration.ofMinutes(10));
        boolean reevaluated = random.nextDouble() < 0.15;
        boolean overtaken = reevaluated && random.nextBoolean();
        Runnable first = () -> {
            signalBatch(call, "v1", evaluated);
            if (random.nextDouble() < 0.1) {
                resendLast();
            }
        };
        Runnable again = () -> signalBatch(call, "v1", evaluated.plus(Duration.ofDays(1)));
        if (overtaken) {
            // The re-evaluation's producer was faster: the original arrives after it and is stale.
            again.run();
            first.run();
        } else {
            first.run();
            if (reevaluated) {
                again.run();
            }
        }
        if (random.nextDouble() < 0.25) {
            signalBatch(call, "v2", evaluated.plus(Duration.ofDays(3)));
        }
        if (call.deal() != null && random.nextDouble() < 0.3) {
            canonicalSignal(call, "champion_missing", "boolean", JSON.getNodeFactory().booleanNode(random.nextBoolean()),
                    "v1", evaluated);
        }
    }

    private void signalBatch(PlannedCall call, String version, Instant evaluatedAt) {
        ObjectNode batch = JSON.createObjectNode();
        batch.put("call_id", call.callId()).put("scoring_version", version).put("evaluated_at", evaluatedAt.toString())
                .put("evaluator", "callscore-" + version);
        ArrayNode elements = batch.putArray("signals");
        List<SignalUnit> units = new ArrayList<>();
        element(elements, units, call, version, evaluatedAt, "overall_score", "score", decimal(3 + random.nextDouble() * 7, 1));
        element(elements, units, call, version, evaluatedAt, "talk_ratio", "score", decimal(random.nextDouble(), 2));
        for (String flag : List.of("next_steps_agreed", "budget_known", "pricing_objection", "competitor_mentioned")) {
            element(elements, units, call, version, evaluatedAt, flag, "boolean",
                    JSON.getNodeFactory().booleanNode(random.nextDouble() < 0.35));
        }
        element(elements, units, call, version, evaluatedAt, "deal_stage", "category",
                JSON.getNodeFactory().textNode(pick(STAGES)));
        element(elements, units, call, version, evaluatedAt, "objection_count", "count",
                JSON.getNodeFactory().numberNode(random.nextInt(6)));
        ObjectNode nextStep = JSON.createObjectNode().put("owner", call.rep().email())
                .put("action", "send proposal").put("due", evaluatedAt.plus(Duration.ofDays(7)).toString());
        element(elements, units, call, version, evaluatedAt, "next_step", "extraction", nextStep);
        signal(call.callId(), batch, units);
    }

    private void element(ArrayNode elements, List<SignalUnit> units, PlannedCall call, String version,
            Instant evaluatedAt, String name, String type, JsonNode value) {
        double confidence = decimal(0.5 + random.nextDouble() * 0.49, 2).doubleValue();
        elements.addObject().put("signal_name", name).put("signal_type", type).put("confidence", confidence)
                .set("signal_value", value);
        units.add(new SignalUnit(SignalIds.derive(call.callId(), name, version), call.callId(), name, type,
                value.toString(), confidence, version, evaluatedAt));
    }

    private void canonicalSignal(PlannedCall call, String name, String type, JsonNode value, String version,
            Instant evaluatedAt) {
        ObjectNode signal = JSON.createObjectNode();
        signal.put("call_id", call.callId()).put("signal_name", name).put("signal_type", type)
                .put("confidence", 0.7).put("scoring_version", version).put("evaluated_at", evaluatedAt.toString())
                .set("signal_value", value);
        signal(call.callId(), signal, List.of(new SignalUnit(SignalIds.derive(call.callId(), name, version),
                call.callId(), name, type, value.toString(), 0.7, version, evaluatedAt)));
    }

    // Bad records: each reason in turn ---------------------------------------------------------------

    private enum BadRecord {
        MALFORMED_JSON, UNRECOGNIZED_FORMAT, MISSING_FIELD, INVALID_FIELD, INVALID_TIMESTAMP, FUTURE_TIMESTAMP,
        INVALID_DURATION, PAYLOAD_TOO_LARGE, CONFIDENCE_OUT_OF_RANGE, INVALID_SIGNAL_TYPE, VALUE_TYPE_MISMATCH,
        CONFLICTING_DUPLICATE, UNDECODABLE_EVENT
    }

    /** Kafka producers refuse records over 1 MiB by default; an oversized sample record stays below. */
    private static final long PRODUCER_LIMIT = 1_000_000;

    private void badRecord(PlannedCall near) {
        BadRecord kind = BadRecord.values()[badRecords % BadRecord.values().length];
        badRecords++;
        String callId = "call-bad-" + badRecords;
        ObjectNode call = canonicalCall(new PlannedCall(callId, Platform.CANONICAL, near.start(),
                near.durationSeconds(), near.rep(), near.deal(), near.prospect()));
        switch (kind) {
            case MALFORMED_JSON -> rejected(true, callId, call.toString().substring(0, 40), Reason.MALFORMED_JSON);
            case UNRECOGNIZED_FORMAT -> rejected(true, callId,
                    "{\"event\":\"meeting.started\",\"payload\":{\"object\":{\"id\":\"" + callId + "\"}}}",
                    Reason.UNRECOGNIZED_FORMAT);
            case MISSING_FIELD -> {
                call.remove("call_id");
                rejected(true, callId, call.toString(), Reason.MISSING_FIELD);
            }
            case INVALID_FIELD -> rejected(true, callId, call.put("participants", "Ana, Sam").toString(),
                    Reason.INVALID_FIELD);
            case INVALID_TIMESTAMP -> rejected(true, callId, call.put("call_timestamp", "last tuesday").toString(),
                    Reason.INVALID_TIMESTAMP);
            case FUTURE_TIMESTAMP -> rejected(true, callId, call.put("call_timestamp", "2099-01-01T09:00:00Z").toString(),
                    Reason.FUTURE_TIMESTAMP);
            case INVALID_DURATION -> rejected(true, callId, call.put("duration_seconds", -30).toString(),
                    Reason.INVALID_DURATION);
            case PAYLOAD_TOO_LARGE -> {
                if (maxPayloadBytes + 1024 <= PRODUCER_LIMIT) {
                    rejected(true, callId, call.put("transcript_text", "uh ".repeat((int) (maxPayloadBytes / 3) + 342))
                            .toString(), Reason.PAYLOAD_TOO_LARGE);
                }
            }
            case CONFIDENCE_OUT_OF_RANGE -> rejected(false, near.callId(), badSignal(near, "sentiment", "score", "0.4")
                    .put("confidence", 1.7).toString(), Reason.CONFIDENCE_OUT_OF_RANGE);
            case INVALID_SIGNAL_TYPE -> rejected(false, near.callId(), badSignal(near, "sentiment", "percent", "40")
                    .toString(), Reason.INVALID_SIGNAL_TYPE);
            case VALUE_TYPE_MISMATCH -> rejected(false, near.callId(), badSignal(near, "overall_score", "score", "\"high\"")
                    .toString(), Reason.VALUE_TYPE_MISMATCH);
            case CONFLICTING_DUPLICATE -> {
                // The evaluator sends the same evaluation twice with different answers.
                Instant at = near.start().plus(Duration.ofHours(2 + badRecords));
                canonicalSignal(near, "champion_identified", "boolean", JSON.getNodeFactory().booleanNode(true), "v1", at);
                canonicalSignal(near, "champion_identified", "boolean", JSON.getNodeFactory().booleanNode(false), "v1", at);
            }
            case UNDECODABLE_EVENT -> {
                byte[] value = new byte[12];
                random.nextBytes(value);
                value[0] = (byte) 0xC3;
                value[1] = 0x01;
                records.add(new SampleRecord(Destination.SIGNALS_VALID, callId, value, null, List.of()));
                truth.rejectedBySink(Reason.UNDECODABLE_EVENT);
            }
        }
    }

    private ObjectNode badSignal(PlannedCall call, String name, String type, String valueJson) {
        ObjectNode signal = JSON.createObjectNode();
        try {
            signal.put("call_id", call.callId()).put("signal_name", name).put("signal_type", type)
                    .put("scoring_version", "v1").put("evaluated_at", call.start().plus(Duration.ofHours(1)).toString())
                    .set("signal_value", JSON.readTree(valueJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(valueJson, e);
        }
        return signal;
    }

    // Publishing and the truth ----------------------------------------------------------------------

    private void conversation(String key, String platform, JsonNode payload, List<ConversationUnit> units) {
        boolean batch = payload.has("calls") || payload.has("callTranscripts");
        lastTruth = () -> truth.conversationRecord(units, batch);
        records.add(new SampleRecord(Destination.CONVERSATIONS_RAW, key, bytes(payload.toString()), platform,
                lastTruth.get()));
    }

    private void signal(String key, JsonNode payload, List<SignalUnit> units) {
        boolean batch = payload.has("signals");
        lastTruth = () -> truth.signalRecord(units, batch);
        records.add(new SampleRecord(Destination.SIGNALS_RAW, key, bytes(payload.toString()), null, lastTruth.get()));
    }

    private void rejected(boolean conversation, String key, String payload, Reason reason) {
        records.add(new SampleRecord(conversation ? Destination.CONVERSATIONS_RAW : Destination.SIGNALS_RAW, key,
                bytes(payload), null, truth.rejectedRecord(conversation, reason)));
    }

    /** Sometimes a producer sends the record it just sent again (a retry after a timeout). */
    private void maybeResend() {
        if (random.nextDouble() < 0.08) {
            resendLast();
        }
    }

    private void resendLast() {
        SampleRecord last = records.get(records.size() - 1);
        records.add(new SampleRecord(last.destination(), last.key(), last.value(), last.platform(), lastTruth.get()));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String zoomUuid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String dealOf(PlannedCall call) {
        return call.deal() == null ? null : call.deal().dealId();
    }

    private static String email(String person, Deal deal) {
        String domain = (deal == null ? "prospect" : deal.company()).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z]", "") + ".example";
        return person.toLowerCase(Locale.ROOT).replace(' ', '.') + "@" + domain;
    }

    private static JsonNode decimal(double value, int scale) {
        return JSON.getNodeFactory().numberNode(BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
