package io.callsignal.rejection;

/** Why a record was quarantined. docs/quarantine.md lists each with this text (a test keeps them in step). */
public enum Reason {
    MALFORMED_JSON("The value is not JSON: a tombstone (no value), empty, not UTF-8, not JSON, followed by trailing data, or an object with a repeated key."),
    UNRECOGNIZED_FORMAT("Valid JSON whose shape matches no known format (canonical, Gong calls or transcripts, Zoom recording.completed, signal batch, Salesforce Opportunity, HubSpot deal webhook), or a JSON value that is neither an object nor a HubSpot webhook's array."),
    MISSING_FIELD("A required field is absent or null; `field` names it."),
    INVALID_FIELD("A field has the wrong JSON type (an object where text belongs, say); `field` names it."),
    INVALID_TIMESTAMP("A timestamp is neither ISO-8601 with an offset nor epoch milliseconds, or lies before 2000 (epoch seconds sent as milliseconds); a date (a deal's close_date) is not YYYY-MM-DD or epoch milliseconds."),
    FUTURE_TIMESTAMP("A timestamp lies further in the future than the allowed clock skew (FUTURE_TIMESTAMP_SKEW)."),
    INVALID_DURATION("A call duration is not a whole number of seconds from 0 to 24 hours."),
    CONFIDENCE_OUT_OF_RANGE("A signal's confidence is outside [0, 1] or not a number (NaN, Infinity)."),
    INVALID_SIGNAL_TYPE("signal_type is not one of score, boolean, category, extraction, count."),
    VALUE_TYPE_MISMATCH("signal_value does not fit signal_type: a score that is not a finite number, a boolean that is not true/false, a count that is not a non-negative integer, an empty category."),
    INVALID_AMOUNT("A deal's amount is not a finite, non-negative number."),
    INCONSISTENT_OUTCOME("A deal change contradicts itself: won but not closed, or a closed stage (Closed Won, closedlost) against its is_won or is_closed."),
    CONFLICTING_DUPLICATE("The same version as one already seen, but different content: a signal with the same signal_id and evaluated_at, a deal change with the same deal_id and updated_at setting a field to another value."),
    PAYLOAD_TOO_LARGE("The value is larger than MAX_PAYLOAD_BYTES (or an output built from it exceeds the producer's limit); the payload is left out of the quarantine record and stays at its source coordinates."),
    UNDECODABLE_EVENT("A record on an internal typed topic could not be decoded (unknown schema fingerprint, corrupt body)."),
    PROCESSING_ERROR("An unexpected error while processing the record (a defect to report); `detail` holds the exception.");

    private final String description;

    Reason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
