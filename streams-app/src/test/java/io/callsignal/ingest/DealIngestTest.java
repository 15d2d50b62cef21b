package io.callsignal.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.quarantine.QuarantineRecord;
import io.callsignal.rejection.Entity;
import io.callsignal.rejection.Reason;
import io.callsignal.schema.Deal;
import io.callsignal.testkit.PipelineDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CRM deal changes: each CRM's format into one Deal, the rules a change must keep, and dedup per field. */
class DealIngestTest {

    private final PipelineDriver pipeline = new PipelineDriver();

    @AfterEach
    void close() {
        pipeline.close();
    }

    private static String opportunity(String stage, boolean closed, boolean won, String modified) {
        return """
                {"attributes":{"type":"Opportunity","url":"/services/data/v59.0/sobjects/Opportunity/006Dn000004abcd"},
                 "Id":"006Dn000004abcd","Name":"Globex platform","StageName":"%s","Amount":48000,
                 "CloseDate":"2026-02-20","IsClosed":%s,"IsWon":%s,"LastModifiedDate":"%s"}"""
                .formatted(stage, closed, won, modified);
    }

    private static String hubspotEvent(String property, String value, long occurredAt) {
        return """
                {"eventId":%d,"subscriptionId":7,"portalId":62515,"occurredAt":%d,"subscriptionType":"deal.propertyChange",
                 "attemptNumber":0,"objectId":12345678901,"propertyName":"%s","propertyValue":"%s","changeSource":"CRM"}"""
                .formatted(Math.abs(property.hashCode()), occurredAt, property, value);
    }

    private static String canonical(String fields) {
        return "{\"deal_id\":\"deal-1\",\"source_system\":\"pipedrive\",\"updated_at\":\"2026-02-01T10:00:00Z\"" + fields + "}";
    }

    @Test
    void aSalesforceOpportunityIsTheDealsWholeState() {
        pipeline.sendDeal(opportunity("Closed Won", true, true, "2026-02-20T15:04:05.000+0000"));

        Deal deal = pipeline.deals().get(0).value();
        assertEquals("006Dn000004abcd", deal.getDealId());
        assertEquals("salesforce", deal.getSourceSystem());
        assertEquals("Closed Won", deal.getStage());
        assertEquals(true, deal.getIsClosed());
        assertEquals(true, deal.getIsWon());
        assertEquals(48000.0, deal.getAmount());
        assertEquals(LocalDate.parse("2026-02-20"), deal.getCloseDate());
        assertEquals(Instant.parse("2026-02-20T15:04:05Z"), deal.getUpdatedAt());
        assertEquals("{\"Name\":\"Globex platform\"}", deal.getRescuedData());
    }

    @Test
    void aHubSpotDeliveryIsOneUnitPerEventAndPropertiesOfOneMomentDoNotConflict() {
        long at = Instant.parse("2026-02-10T09:00:00Z").toEpochMilli();
        pipeline.sendDeal("[" + hubspotEvent("dealstage", "closedwon", at) + "," + hubspotEvent("amount", "1200.50", at)
                + "," + hubspotEvent("closedate", String.valueOf(Instant.parse("2026-02-10T00:00:00Z").toEpochMilli()), at)
                + "," + hubspotEvent("hs_deal_stage_probability", "1.0", at) + "]");

        List<Deal> deals = pipeline.deals().stream().map(TestRecord::value).toList();
        assertEquals(4, deals.size());
        assertEquals("closedwon", deals.get(0).getStage());
        assertEquals(true, deals.get(0).getIsClosed());
        assertEquals(true, deals.get(0).getIsWon());
        assertEquals(1200.5, deals.get(1).getAmount());
        assertNull(deals.get(1).getStage(), "a property change sets only its property");
        assertEquals(LocalDate.parse("2026-02-10"), deals.get(2).getCloseDate());
        assertEquals("{\"hs_deal_stage_probability\":\"1.0\"}", deals.get(3).getRescuedData());
        assertEquals(3, deals.get(3).getSource().getIndex());
        assertEquals(List.of(), pipeline.quarantined());
    }

    @Test
    void aCanonicalChangeSetsOnlyWhatItCarries() {
        pipeline.sendDeal(canonical(",\"stage\":\"negotiation\",\"amount\":\"9000\""));

        Deal deal = pipeline.deals().get(0).value();
        assertEquals("deal-1", deal.getDealId());
        assertEquals("pipedrive", deal.getSourceSystem());
        assertEquals(9000.0, deal.getAmount());
        assertNull(deal.getIsClosed());
        assertNull(deal.getCloseDate());
    }

    @Test
    void aChangeBreakingARuleIsQuarantinedWithItsReason() {
        pipeline.sendDeal(canonical(",\"amount\":-5"));
        pipeline.sendDeal(canonical(",\"amount\":\"lots\""));
        pipeline.sendDeal(canonical(",\"stage\":\"Closed Lost\",\"is_won\":true"));
        pipeline.sendDeal(canonical(",\"is_won\":true,\"is_closed\":false"));
        pipeline.sendDeal(canonical(",\"close_date\":\"next week\""));
        pipeline.sendDeal(canonical(",\"is_closed\":\"yes\""));
        pipeline.sendDeal("{\"deal_id\":\"deal-2\",\"source_system\":\"pipedrive\"}");
        pipeline.sendDeal("[1,2]");
        pipeline.sendDeal(opportunity("Prospecting", false, false, "2026-02-20T15:04:05"));

        assertEquals(List.of(Reason.INVALID_AMOUNT, Reason.INVALID_AMOUNT, Reason.INCONSISTENT_OUTCOME,
                Reason.INCONSISTENT_OUTCOME, Reason.INVALID_TIMESTAMP, Reason.INVALID_FIELD, Reason.MISSING_FIELD,
                Reason.UNRECOGNIZED_FORMAT, Reason.INVALID_TIMESTAMP),
                pipeline.quarantined().stream().map(QuarantineRecord::reason).toList());
        assertEquals(List.of(), pipeline.deals());
        assertEquals(0, pipeline.unaccounted(Entity.DEAL));
    }

    @Test
    void perFieldTheNewestChangeWinsARepeatIsDroppedAndTheSameMomentMustAgree() throws Exception {
        pipeline.sendDeal(opportunity("Negotiation/Review", false, false, "2026-02-10T10:00:00.000+0000"));
        pipeline.sendDeal(opportunity("Negotiation/Review", false, false, "2026-02-10T10:00:00.000+0000"));
        pipeline.sendDeal(opportunity("Prospecting", false, false, "2026-02-01T10:00:00.000+0000"));
        pipeline.sendDeal(opportunity("Closed Lost", true, false, "2026-02-10T10:00:00.000+0000"));
        pipeline.sendDeal(opportunity("Closed Won", true, true, "2026-02-20T10:00:00.000+0000"));

        assertEquals(List.of("Negotiation/Review", "Closed Won"),
                pipeline.deals().stream().map(record -> record.value().getStage()).toList());
        assertEquals(1L, dropped(PipelineMetrics.Drop.DUPLICATE));
        assertEquals(1L, dropped(PipelineMetrics.Drop.STALE));
        QuarantineRecord conflict = pipeline.quarantined().get(0);
        assertEquals(Reason.CONFLICTING_DUPLICATE, conflict.reason());
        assertEquals(3L, conflict.sourceOffset());
        assertEquals("Closed Lost", new ObjectMapper().readTree(conflict.payload()).get("stage").asText());
        assertEquals(0, pipeline.unaccounted());
    }

    private long dropped(PipelineMetrics.Drop drop) {
        return pipeline.accounting().getOrDefault("streams.deal.dropped." + drop.name().toLowerCase(), 0L);
    }
}
