package io.callsignal.silver;

import io.callsignal.rejection.Reason;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The expectations checked again where events enter silver, whoever wrote the typed topic: keys
 * present, timestamps not in the future, confidence a probability, a deal's amount and outcome sound. The streams app checks the same
 * and more; this is the lake's own guard.
 */
final class SilverExpectations implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long skewMillis;

    SilverExpectations(Duration futureSkew) {
        this.skewMillis = futureSkew.toMillis();
    }

    /** {@code arrival}: when the event came in, which a timestamp may not be later than (by the skew). */
    Optional<Rejection> check(Conversation conversation, Instant arrival) {
        if (blank(conversation.getCallId())) {
            return missing("call_id");
        }
        return future("call_timestamp", conversation.getCallTimestamp(), arrival);
    }

    Optional<Rejection> check(Signal signal, Instant arrival) {
        if (blank(signal.getSignalId())) {
            return missing("signal_id");
        }
        if (blank(signal.getCallId())) {
            return missing("call_id");
        }
        Double confidence = signal.getConfidence();
        if (confidence != null && !(confidence >= 0.0 && confidence <= 1.0)) {
            return Optional.of(new Rejection(Reason.CONFIDENCE_OUT_OF_RANGE, "confidence",
                    "confidence " + confidence + " is outside [0, 1]"));
        }
        return future("evaluated_at", signal.getEvaluatedAt(), arrival);
    }

    Optional<Rejection> check(Deal deal, Instant arrival) {
        if (blank(deal.getDealId())) {
            return missing("deal_id");
        }
        Double amount = deal.getAmount();
        if (amount != null && !(amount >= 0 && Double.isFinite(amount))) {
            return Optional.of(new Rejection(Reason.INVALID_AMOUNT, "amount", "amount " + amount + " is not a finite,"
                    + " non-negative number"));
        }
        if (Boolean.TRUE.equals(deal.getIsWon()) && Boolean.FALSE.equals(deal.getIsClosed())) {
            return Optional.of(new Rejection(Reason.INCONSISTENT_OUTCOME, "is_won", "is_won true but is_closed false"));
        }
        return future("updated_at", deal.getUpdatedAt(), arrival);
    }

    private Optional<Rejection> future(String field, Instant value, Instant arrival) {
        if (value != null && value.isAfter(arrival.plusMillis(skewMillis))) {
            return Optional.of(new Rejection(Reason.FUTURE_TIMESTAMP, field, field + " " + value + " is more than "
                    + Duration.ofMillis(skewMillis) + " after the event's arrival at " + arrival));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> missing(String field) {
        return Optional.of(new Rejection(Reason.MISSING_FIELD, field, field + " is empty"));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
