package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.schema.Deal;
import io.callsignal.validate.DealRules;
import java.util.List;

/** The canonical deal change: the fields of the Deal schema by name; a field left out is not changed. */
final class CanonicalDealAdapter implements Adapter<Deal> {

    @Override
    public String platform() {
        return null;
    }

    @Override
    public boolean matches(JsonNode root) {
        return root.isObject() && root.has("deal_id");
    }

    @Override
    public List<Extracted<Deal>> extract(JsonNode root, Extraction extraction) {
        TrackedObject deal = TrackedObject.of(root, "");
        String system = deal.text("source_system");
        if (system == null) {
            system = extraction.headerPlatform();
        }
        if (system == null || system.isBlank()) {
            throw RejectedException.missing("source_system");
        }
        DealChange change = new DealChange(deal.requiredText("deal_id"), system, deal.text("stage"),
                DealRules.bool(deal.get("is_closed"), "is_closed"), DealRules.bool(deal.get("is_won"), "is_won"),
                DealRules.amount(deal.get("amount"), "amount"), DealRules.date(deal.get("close_date"), "close_date"),
                extraction.timestamps().required(deal.get("updated_at"), "updated_at"));
        return extraction.single(change.toDeal(Extraction.rescued(deal), extraction.source(null)));
    }
}
