package io.callsignal.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.ingest.SignalIds;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import io.callsignal.sample.SampleTruth.ConversationUnit;
import io.callsignal.sample.SampleTruth.DealUnit;
import io.callsignal.sample.SampleTruth.SignalUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.BiConsumer;
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

    /** Where a sample record goes, and the entity (its label in counts) it carries. */
    public enum Destination {
        CONVERSATIONS_RAW(Entity.CONVERSATION), SIGNALS_RAW(Entity.SIGNAL), DEALS_RAW(Entity.DEAL),
        /** Only the undecodable record: a misconfigured producer writing to a typed topic. */
        SIGNALS_VALID(Entity.SIGNAL);

        private final Entity entity;

        Destination(Entity entity) {
            this.entity = entity;
        }

        public Entity entity() {
            return entity;
        }
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

    /** Where a deal lives, which decides how its changes are published. */
    private enum Crm { SALESFORCE, HUBSPOT, CANONICAL }

    /**
     * A deal and its health, which the sample draws once and which drives both its calls' signals
     * and its outcome (see {@link #signals} and {@link #dealChanges}).
     */
    private record Deal(String dealId, String accountId, String company, Crm crm, double health, long amount) {
    }

    private record Flag(String name, double effect) {
    }

    private record PlannedCall(String callId, Platform platform, Instant start, int durationSeconds, Rep rep,
            Deal deal, String prospect) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The sample's truth about deals, for the deal-outcome model to find (docs/demo.md): a deal's
     * health h ~ N(0, 1) raises its calls' overall_score (6.5 + 0.4 h, noise sd 1.3) and moves each
     * flag's log-odds by its effect times h from a base rate of 35%; the deal is won with probability
     * logistic(4 h). Calls without a deal have h = 0. The score alone tells a little; the flags tell more.
     */
    private static final List<Flag> FLAGS = List.of(new Flag("next_steps_agreed", 1.5), new Flag("budget_known", 0.5),
            new Flag("pricing_objection", -1.5), new Flag("competitor_mentioned", -1.5));
    private static final double FLAG_BASE = Math.log(0.35 / 0.65);
    private static final double WIN_EFFECT = 4.0;
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
        for (int i = 0; i < Math.max(1, calls / 3); i++) {
            double roll = random.nextDouble();
            Crm crm = roll < 0.55 ? Crm.SALESFORCE : roll < 0.85 ? Crm.HUBSPOT : Crm.CANONICAL;
            String dealId = switch (crm) {
                case SALESFORCE -> "006Dn0000" + (4_000_000 + random.nextInt(5_000_000));
                case HUBSPOT -> String.valueOf(10_000_000_000L + random.nextLong(9_000_000_000L));
                case CANONICAL -> "deal-" + (100_000 + random.nextInt(900_000));
            };
            String accountId = crm == Crm.SALESFORCE ? "001Dn0000" + (7_000_000 + random.nextInt(2_000_000))
                    : String.valueOf(5_000_000_000L + random.nextLong(1_000_000_000L));
            deals.add(new Deal(dealId, accountId, pick(COMPANIES), crm, random.nextGaussian(),
                    100L * (50 + random.nextInt(1_450))));
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
        dealChanges(calls);
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
                boolean hubspot = call.deal().crm() == Crm.HUBSPOT;
                ArrayNode objects = gongCall.putArray("context").addObject()
                        .put("system", hubspot ? "HubSpot" : "Salesforce").putArray("objects");
                objects.addObject().put("objectType", hubspot ? "Deal" : "Opportunity")
                        .put("objectId", call.deal().dealId());
                objects.addObject().put("objectType", hubspot ? "Company" : "Account")
                        .put("objectId", call.deal().accountId());
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
        double health = call.deal() == null ? 0 : call.deal().health();
        double score = Math.max(1, Math.min(10, 6.5 + 0.4 * health + random.nextGaussian() * 1.3));
        element(elements, units, call, version, evaluatedAt, "overall_score", "score", decimal(score, 1));
        element(elements, units, call, version, evaluatedAt, "talk_ratio", "score", decimal(random.nextDouble(), 2));
        for (Flag flag : FLAGS) {
            element(elements, units, call, version, evaluatedAt, flag.name(), "boolean",
                    JSON.getNodeFactory().booleanNode(random.nextDouble() < logistic(FLAG_BASE + flag.effect() * health)));
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

    // Deals -----------------------------------------------------------------------------------------

    private static final DateTimeFormatter SALESFORCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);

    /** A deal's state as one change sets it; null fields are not set by the change. */
    private record DealStep(Instant at, String stage, Boolean closed, Boolean won, Long amount, LocalDate closeDate) {
    }

    /**
     * Each deal's changes as its CRM publishes them, in time order: created before its first call with
     * an expected close date, moved on half way, and closed won (probability logistic(4 h)) or lost
     * some days after its last call, unless that lies beyond the sample's window: then it stays open.
     * Some won deals close before their last call (the kickoff after signing), which point-in-time
     * features must not see. CRMs resend a change now and then, and Salesforce an older state late.
     */
    private void dealChanges(List<PlannedCall> calls) {
        Instant end = WINDOW_START.plus(Duration.ofMinutes(WINDOW_MINUTES));
        for (Deal deal : deals) {
            List<Instant> starts = calls.stream().filter(call -> deal.equals(call.deal())).map(PlannedCall::start)
                    .sorted().toList();
            Instant first = starts.isEmpty() ? WINDOW_START.plus(Duration.ofMinutes(random.nextLong(WINDOW_MINUTES)))
                    : starts.get(0);
            Instant last = starts.isEmpty() ? first : starts.get(starts.size() - 1);
            Instant created = first.minus(Duration.ofHours(24 + random.nextInt(14 * 24)));
            boolean won = random.nextDouble() < logistic(WIN_EFFECT * deal.health());
            Instant closes = last.plus(Duration.ofHours(48 + random.nextInt(19 * 24)));
            if (won && starts.size() >= 3 && random.nextDouble() < 0.3) {
                Instant secondLast = starts.get(starts.size() - 2);
                closes = secondLast.plus(Duration.between(secondLast, last).dividedBy(2));
            }
            LocalDate closeDate = closes.atOffset(ZoneOffset.UTC).toLocalDate();
            Instant midway = created.plus(Duration.between(created, closes).dividedBy(2));
            List<DealStep> steps = new ArrayList<>();
            steps.add(new DealStep(created, stage(deal.crm(), 0), false, false, deal.amount(), closeDate));
            if (midway.isBefore(end)) {
                steps.add(new DealStep(midway, stage(deal.crm(), 1), false, false, null, null));
            }
            if (closes.isBefore(end)) {
                steps.add(new DealStep(closes, stage(deal.crm(), won ? 2 : 3), true, won, null, closeDate));
            }
            for (int i = 0; i < steps.size(); i++) {
                dealStep(deal, steps.get(i), steps.subList(0, i + 1));
                if (random.nextDouble() < 0.08) {
                    resendLast();
                }
                if (i > 0 && deal.crm() == Crm.SALESFORCE && random.nextDouble() < 0.1) {
                    // An outbound message retried late: the previous state, older than what is known.
                    dealStep(deal, steps.get(i - 1), steps.subList(0, i));
                }
            }
        }
    }

    private static String stage(Crm crm, int step) {
        return switch (crm) {
            case SALESFORCE -> List.of("Prospecting", "Negotiation/Review", "Closed Won", "Closed Lost").get(step);
            case HUBSPOT -> List.of("appointmentscheduled", "contractsent", "closedwon", "closedlost").get(step);
            case CANONICAL -> List.of("discovery", "negotiation", "closed_won", "closed_lost").get(step);
        };
    }

    /** One change of a deal in its CRM's format; {@code history}: every step so far, this one last. */
    private void dealStep(Deal deal, DealStep step, List<DealStep> history) {
        switch (deal.crm()) {
            case SALESFORCE -> {
                // An Opportunity record is the deal's whole state as of the change.
                DealStep state = merged(history);
                ObjectNode opportunity = JSON.createObjectNode();
                opportunity.putObject("attributes").put("type", "Opportunity")
                        .put("url", "/services/data/v59.0/sobjects/Opportunity/" + deal.dealId());
                opportunity.put("Id", deal.dealId()).put("Name", deal.company() + " platform")
                        .put("AccountId", deal.accountId()).put("StageName", state.stage()).put("Amount", state.amount())
                        .put("CloseDate", state.closeDate().toString()).put("IsClosed", state.closed())
                        .put("IsWon", state.won()).put("LastModifiedDate", SALESFORCE_TIME.format(step.at()));
                Map<String, String> fields = dealFields("salesforce", state);
                fields.put("rescued.Name", deal.company() + " platform");
                fields.put("rescued.AccountId", deal.accountId());
                deal(deal.dealId(), "salesforce", opportunity, List.of(new DealUnit(deal.dealId(), fields, step.at())));
            }
            case HUBSPOT -> {
                // A webhook delivery: one event per property the change set, all at its time.
                ArrayNode events = JSON.createArrayNode();
                List<DealUnit> units = new ArrayList<>();
                if (history.size() == 1) {
                    hubspotEvent(events, units, deal, step, "deal.creation", null, null, Map.of("source_system", "hubspot"));
                }
                hubspotEvent(events, units, deal, step, "deal.propertyChange", "dealstage", step.stage(),
                        dealFields("hubspot", new DealStep(step.at(), step.stage(), step.closed(), step.won(), null, null)));
                if (step.amount() != null) {
                    hubspotEvent(events, units, deal, step, "deal.propertyChange", "amount", step.amount().toString(),
                            dealFields("hubspot", new DealStep(step.at(), null, null, null, step.amount(), null)));
                }
                if (step.closeDate() != null) {
                    String millis = String.valueOf(step.closeDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
                    hubspotEvent(events, units, deal, step, "deal.propertyChange", "closedate", millis,
                            dealFields("hubspot", new DealStep(step.at(), null, null, null, null, step.closeDate())));
                }
                if (Boolean.TRUE.equals(step.closed())) {
                    String probability = step.won() ? "1.0" : "0.0";
                    hubspotEvent(events, units, deal, step, "deal.propertyChange", "hs_deal_stage_probability", probability,
                            Map.of("source_system", "hubspot", "rescued.hs_deal_stage_probability", "\"" + probability + "\""));
                }
                deal(deal.dealId(), "hubspot", events, units);
            }
            case CANONICAL -> {
                ObjectNode change = JSON.createObjectNode().put("deal_id", deal.dealId()).put("source_system", "pipedrive")
                        .put("stage", step.stage()).put("is_closed", step.closed()).put("is_won", step.won())
                        .put("updated_at", step.at().toString());
                if (step.amount() != null) {
                    change.put("amount", step.amount());
                }
                if (step.closeDate() != null) {
                    change.put("close_date", step.closeDate().toString());
                }
                deal(deal.dealId(), null, change, List.of(new DealUnit(deal.dealId(), dealFields("pipedrive", step), step.at())));
            }
        }
    }

    private void hubspotEvent(ArrayNode events, List<DealUnit> units, Deal deal, DealStep step, String type,
            String property, String value, Map<String, String> fields) {
        ObjectNode event = events.addObject().put("eventId", 1_000_000_000L + random.nextInt(1_000_000_000))
                .put("subscriptionId", 2_421_337).put("portalId", 62_515).put("appId", 1_160_452)
                .put("occurredAt", step.at().toEpochMilli()).put("subscriptionType", type).put("attemptNumber", 0)
                .put("objectId", Long.parseLong(deal.dealId())).put("changeSource", "CRM");
        if (property != null) {
            event.put("propertyName", property).put("propertyValue", value);
        }
        units.add(new DealUnit(deal.dealId(), new HashMap<>(fields), step.at()));
    }

    /** The deal as of the last step: each field from the newest step that set it. */
    private static DealStep merged(List<DealStep> history) {
        DealStep state = history.get(0);
        for (DealStep step : history.subList(1, history.size())) {
            state = new DealStep(step.at(), firstNonNull(step.stage(), state.stage()),
                    firstNonNull(step.closed(), state.closed()), firstNonNull(step.won(), state.won()),
                    firstNonNull(step.amount(), state.amount()), firstNonNull(step.closeDate(), state.closeDate()));
        }
        return state;
    }

    /** The columns a change sets, as the streams app reads them (a closed stage closes the deal). */
    private static Map<String, String> dealFields(String system, DealStep step) {
        Map<String, String> fields = new HashMap<>();
        fields.put("source_system", system);
        BiConsumer<String, Object> set = (name, value) -> {
            if (value != null) {
                fields.put(name, value.toString());
            }
        };
        set.accept("stage", step.stage());
        set.accept("is_closed", step.closed());
        set.accept("is_won", step.won());
        set.accept("amount", step.amount() == null ? null : (double) step.amount());
        set.accept("close_date", step.closeDate());
        return fields;
    }

    private static <T> T firstNonNull(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    // Bad records: each reason in turn ---------------------------------------------------------------

    private enum BadRecord {
        MALFORMED_JSON, UNRECOGNIZED_FORMAT, MISSING_FIELD, INVALID_FIELD, INVALID_TIMESTAMP, FUTURE_TIMESTAMP,
        INVALID_DURATION, PAYLOAD_TOO_LARGE, CONFIDENCE_OUT_OF_RANGE, INVALID_SIGNAL_TYPE, VALUE_TYPE_MISMATCH,
        CONFLICTING_DUPLICATE, UNDECODABLE_EVENT, INVALID_AMOUNT, INCONSISTENT_OUTCOME
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
            case MALFORMED_JSON -> rejected(Destination.CONVERSATIONS_RAW, callId, call.toString().substring(0, 40), Reason.MALFORMED_JSON);
            case UNRECOGNIZED_FORMAT -> rejected(Destination.CONVERSATIONS_RAW, callId,
                    "{\"event\":\"meeting.started\",\"payload\":{\"object\":{\"id\":\"" + callId + "\"}}}",
                    Reason.UNRECOGNIZED_FORMAT);
            case MISSING_FIELD -> {
                call.remove("call_id");
                rejected(Destination.CONVERSATIONS_RAW, callId, call.toString(), Reason.MISSING_FIELD);
            }
            case INVALID_FIELD -> rejected(Destination.CONVERSATIONS_RAW, callId, call.put("participants", "Ana, Sam").toString(),
                    Reason.INVALID_FIELD);
            case INVALID_TIMESTAMP -> rejected(Destination.CONVERSATIONS_RAW, callId, call.put("call_timestamp", "last tuesday").toString(),
                    Reason.INVALID_TIMESTAMP);
            case FUTURE_TIMESTAMP -> rejected(Destination.CONVERSATIONS_RAW, callId, call.put("call_timestamp", "2099-01-01T09:00:00Z").toString(),
                    Reason.FUTURE_TIMESTAMP);
            case INVALID_DURATION -> rejected(Destination.CONVERSATIONS_RAW, callId, call.put("duration_seconds", -30).toString(),
                    Reason.INVALID_DURATION);
            case PAYLOAD_TOO_LARGE -> {
                if (maxPayloadBytes + 1024 <= PRODUCER_LIMIT) {
                    rejected(Destination.CONVERSATIONS_RAW, callId, call.put("transcript_text", "uh ".repeat((int) (maxPayloadBytes / 3) + 342))
                            .toString(), Reason.PAYLOAD_TOO_LARGE);
                }
            }
            case CONFIDENCE_OUT_OF_RANGE -> rejected(Destination.SIGNALS_RAW, near.callId(), badSignal(near, "sentiment", "score", "0.4")
                    .put("confidence", 1.7).toString(), Reason.CONFIDENCE_OUT_OF_RANGE);
            case INVALID_SIGNAL_TYPE -> rejected(Destination.SIGNALS_RAW, near.callId(), badSignal(near, "sentiment", "percent", "40")
                    .toString(), Reason.INVALID_SIGNAL_TYPE);
            case VALUE_TYPE_MISMATCH -> rejected(Destination.SIGNALS_RAW, near.callId(), badSignal(near, "overall_score", "score", "\"high\"")
                    .toString(), Reason.VALUE_TYPE_MISMATCH);
            case CONFLICTING_DUPLICATE -> {
                // The evaluator sends the same evaluation twice with different answers.
                Instant at = near.start().plus(Duration.ofHours(2 + badRecords));
                canonicalSignal(near, "champion_identified", "boolean", JSON.getNodeFactory().booleanNode(true), "v1", at);
                canonicalSignal(near, "champion_identified", "boolean", JSON.getNodeFactory().booleanNode(false), "v1", at);
            }
            case INVALID_AMOUNT -> rejected(Destination.DEALS_RAW, "deal-bad-" + badRecords,
                    badDeal("deal-bad-" + badRecords, near).put("amount", -2500).toString(), Reason.INVALID_AMOUNT);
            case INCONSISTENT_OUTCOME -> rejected(Destination.DEALS_RAW, "deal-bad-" + badRecords,
                    badDeal("deal-bad-" + badRecords, near).put("stage", "closed_won").put("is_won", false).toString(),
                    Reason.INCONSISTENT_OUTCOME);
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

    private static ObjectNode badDeal(String dealId, PlannedCall near) {
        return JSON.createObjectNode().put("deal_id", dealId).put("source_system", "pipedrive")
                .put("updated_at", near.start().toString());
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

    private void rejected(Destination destination, String key, String payload, Reason reason) {
        records.add(new SampleRecord(destination, key, bytes(payload), null, truth.rejectedRecord(destination, reason)));
    }

    private void deal(String key, String platform, JsonNode payload, List<DealUnit> units) {
        boolean batch = payload.isArray();
        lastTruth = () -> truth.dealRecord(units, batch);
        records.add(new SampleRecord(Destination.DEALS_RAW, key, bytes(payload.toString()), platform, lastTruth.get()));
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
