package io.callsignal.silver;

import io.callsignal.codec.EventCodec;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.schema.Signal;
import java.time.Instant;
import java.util.Optional;

/** signals.valid records into the columns of silver.conversation_signals. */
final class SignalDecoder extends EventDecoder<Signal> {

    private static final long serialVersionUID = 1L;

    SignalDecoder(SchemaSource schemas, SilverExpectations expectations) {
        super(schemas, expectations, Signal.getClassSchema());
    }

    @Override
    EventCodec<Signal> codec(SchemaHistory history) {
        return SingleObjectCodec.signals(history);
    }

    @Override
    Optional<Rejection> check(Signal event, Instant arrival) {
        return expectations.check(event, arrival);
    }
}
