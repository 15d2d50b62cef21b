package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.schema.Deal;
import io.callsignal.validate.DealRules;
import java.util.List;

/**
 * A Salesforce Opportunity record as the REST API, an outbound message or a Kafka Connect source
 * gives it ({@code attributes.type} Opportunity, fields by their API names). LastModifiedDate is the
 * change's time (SystemModstamp where it is missing); fields the record leaves out are not changed.
 */
final class SalesforceOpportunityAdapter implements Adapter<Deal> {

    @Override
    public String platform() {
        return "salesforce";
    }

    @Override
    public boolean matches(JsonNode root) {
        return root.isObject() && root.path("attributes").path("type").asText("").equals("Opportunity");
    }

    @Override
    public List<Extracted<Deal>> extract(JsonNode root, Extraction extraction) {
        TrackedObject opportunity = TrackedObject.of(root, "");
        TrackedObject attributes = opportunity.object("attributes");
        attributes.recognise("type", "url");
        JsonNode modified = opportunity.get("LastModifiedDate");
        String modifiedField = "LastModifiedDate";
        if (modified == null) {
            modified = opportunity.get("SystemModstamp");
            modifiedField = "SystemModstamp";
        } else {
            opportunity.recognise("SystemModstamp");
        }
        DealChange change = new DealChange(opportunity.requiredText("Id"), "salesforce", opportunity.text("StageName"),
                DealRules.bool(opportunity.get("IsClosed"), "IsClosed"), DealRules.bool(opportunity.get("IsWon"), "IsWon"),
                DealRules.amount(opportunity.get("Amount"), "Amount"), DealRules.date(opportunity.get("CloseDate"), "CloseDate"),
                extraction.timestamps().required(modified, modifiedField));
        return extraction.single(change.toDeal(Extraction.rescued(opportunity), extraction.source(null)));
    }
}
