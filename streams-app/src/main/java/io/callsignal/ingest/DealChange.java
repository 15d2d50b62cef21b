package io.callsignal.ingest;

import io.callsignal.schema.Deal;
import io.callsignal.schema.SourceRecord;
import io.callsignal.validate.DealRules;
import java.time.Instant;
import java.time.LocalDate;

/** A deal change as any CRM's adapter reads it, before the outcome is checked against itself. */
record DealChange(String dealId, String sourceSystem, String stage, Boolean isClosed, Boolean isWon, Double amount,
        LocalDate closeDate, Instant updatedAt) {

    Deal toDeal(String rescuedData, SourceRecord source) {
        DealRules.Closure closure = DealRules.Closure.of(stage, isClosed, isWon);
        return Deal.newBuilder()
                .setDealId(dealId)
                .setSourceSystem(sourceSystem)
                .setStage(stage)
                .setIsClosed(closure.isClosed())
                .setIsWon(closure.isWon())
                .setAmount(amount)
                .setCloseDate(closeDate)
                .setUpdatedAt(updatedAt)
                .setRescuedData(rescuedData)
                .setSource(source)
                .build();
    }
}
