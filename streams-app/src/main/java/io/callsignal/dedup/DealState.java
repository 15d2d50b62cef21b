package io.callsignal.dedup;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.callsignal.schema.Deal;
import io.callsignal.topics.JsonSerde;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What is known of a deal: per field any change has set, the newest change's time and a fingerprint
 * of its value. A CRM sends changes in part (a HubSpot property at a time), so each field goes by
 * its own newest updated_at.
 */
record DealState(@JsonProperty("fields") Map<String, Version> fields) {

    /** A field's value as of a change. */
    record Version(@JsonProperty("at") long at, @JsonProperty("content") long content) {
    }

    /** How a change compares with what is known. */
    enum Verdict { NEWER, SAME, STALE, CONFLICTING }

    /**
     * All of a deal but its key, its lineage and its time, which dedup compares on its own, and its
     * rescued data, whose fields count one by one: two properties a CRM changed at the same moment
     * (HubSpot sends one event each) are not in conflict.
     */
    static final ContentFingerprints CONTENT = new ContentFingerprints(Deal.SCHEMA$, Set.of("deal_id", "source",
            "updated_at", "rescued_data"));
    private static final String RESCUED = "rescued_data.";

    static DealState of(Deal deal) {
        long at = deal.getUpdatedAt().toEpochMilli();
        Map<String, Version> fields = new HashMap<>();
        CONTENT.perField(deal).forEach((field, content) -> fields.put(field, new Version(at, content)));
        if (deal.getRescuedData() != null) {
            try {
                JsonSerde.MAPPER.readTree(deal.getRescuedData()).fields().forEachRemaining(field -> fields.put(
                        RESCUED + field.getKey(), new Version(at, ContentFingerprints.text(field.getValue().toString()))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("rescued_data is written by the adapters as a JSON object", e);
            }
        }
        return new DealState(fields);
    }

    /**
     * NEWER when the change sets some field later than known; else CONFLICTING when it sets one at
     * the same time to another value; else SAME when every field it sets is known as it is; else STALE.
     */
    Verdict judge(DealState change) {
        boolean newer = false;
        boolean stale = false;
        for (Map.Entry<String, Version> field : change.fields.entrySet()) {
            Version known = fields.get(field.getKey());
            Version incoming = field.getValue();
            if (known == null || incoming.at() > known.at()) {
                newer = true;
            } else if (incoming.at() == known.at() && incoming.content() != known.content()) {
                return Verdict.CONFLICTING;
            } else if (incoming.at() < known.at()) {
                stale = true;
            }
        }
        return newer ? Verdict.NEWER : stale ? Verdict.STALE : Verdict.SAME;
    }

    DealState merge(DealState change) {
        Map<String, Version> merged = new HashMap<>(fields);
        change.fields.forEach((field, version) -> merged.merge(field, version,
                (known, incoming) -> incoming.at() > known.at() ? incoming : known));
        return new DealState(merged);
    }
}
