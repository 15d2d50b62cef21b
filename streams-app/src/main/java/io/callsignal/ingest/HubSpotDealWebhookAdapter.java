package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.rejection.Reason;
import io.callsignal.schema.Deal;
import io.callsignal.validate.DealRules;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A HubSpot webhook delivery: a JSON array of deal events (deal.creation, deal.propertyChange,
 * ...), each its own unit. A property change carries one property: dealstage, amount and closedate
 * fill the deal's columns (a default pipeline's closedwon / closedlost close it); any other
 * property is kept in rescued_data under its own name. The event's occurredAt is the change's time.
 */
final class HubSpotDealWebhookAdapter implements Adapter<Deal> {

    /** The default sales pipeline's open stages: a deal in one of them is not closed. */
    private static final Set<String> OPEN_STAGES = Set.of("appointmentscheduled", "qualifiedtobuy",
            "presentationscheduled", "decisionmakerboughtin", "contractsent");
    /** Event types whose meaning the columns hold; any other (deal.deletion, say) is kept in rescued_data. */
    private static final Set<String> KNOWN_TYPES = Set.of("deal.creation", "deal.propertyChange");

    @Override
    public String platform() {
        return "hubspot";
    }

    @Override
    public boolean matches(JsonNode root) {
        return root.isArray() && root.size() > 0 && root.get(0).path("subscriptionType").asText("").startsWith("deal.");
    }

    @Override
    public List<Extracted<Deal>> extract(JsonNode root, Extraction extraction) {
        return extraction.each(root, "", (event, index) -> read(event, extraction, index));
    }

    private static Deal read(TrackedObject event, Extraction extraction, int index) {
        String type = event.requiredText("subscriptionType");
        if (!type.startsWith("deal.")) {
            throw RejectedException.invalid(Reason.UNRECOGNIZED_FORMAT, event.fieldPath("subscriptionType"),
                    "subscriptionType '" + type + "' is not a deal event");
        }
        event.recognise("eventId", "subscriptionId", "portalId", "appId", "attemptNumber", "changeSource",
                "changeFlag", "sourceId");
        String property = event.text("propertyName");
        JsonNode value = event.get("propertyValue");
        String stage = null;
        Boolean closed = null;
        Double amount = null;
        LocalDate closeDate = null;
        boolean kept = true;
        switch (property == null ? "" : property) {
            case "dealstage" -> {
                stage = value == null ? null : value.asText();
                // An open stage: neither closed nor won. A closed or custom one is left to the stage's name.
                closed = stage != null && OPEN_STAGES.contains(stage) ? Boolean.FALSE : null;
            }
            case "amount" -> amount = DealRules.amount(value, event.fieldPath("propertyValue"));
            case "closedate" -> closeDate = DealRules.date(value, event.fieldPath("propertyValue"));
            default -> kept = property == null;
        }
        DealChange change = new DealChange(event.requiredText("objectId"), "hubspot", stage, closed, closed, amount,
                closeDate, extraction.timestamps().required(event.get("occurredAt"), event.fieldPath("occurredAt")));
        ObjectNode rescued = event.unrecognised();
        if (!KNOWN_TYPES.contains(type)) {
            rescued.put("subscriptionType", type);
        }
        if (!kept) {
            rescued.set(property, value);
        }
        return change.toDeal(rescued.isEmpty() ? null : rescued.toString(), extraction.source(index));
    }
}
