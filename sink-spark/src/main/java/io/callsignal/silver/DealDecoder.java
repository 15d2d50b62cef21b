package io.callsignal.silver;

import io.callsignal.codec.EventCodec;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.schema.Deal;
import java.time.Instant;
import java.util.Optional;

/** deals.valid records into the columns of silver.deal_outcomes. */
final class DealDecoder extends EventDecoder<Deal> {

    private static final long serialVersionUID = 1L;

    DealDecoder(SchemaSource schemas, SilverExpectations expectations) {
        super(schemas, expectations, Deal.getClassSchema());
    }

    @Override
    EventCodec<Deal> codec(SchemaHistory history) {
        return SingleObjectCodec.deals(history);
    }

    @Override
    Optional<Rejection> check(Deal event, Instant arrival) {
        return expectations.check(event, arrival);
    }
}
