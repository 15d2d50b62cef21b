package io.callsignal.silver;

import io.callsignal.codec.EventCodec;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.schema.Conversation;
import java.time.Instant;
import java.util.Optional;

/** conversations.valid records into the columns of silver.conversations. */
final class ConversationDecoder extends EventDecoder<Conversation> {

    private static final long serialVersionUID = 1L;

    ConversationDecoder(SchemaSource schemas, SilverExpectations expectations) {
        super(schemas, expectations, Conversation.getClassSchema());
    }

    @Override
    EventCodec<Conversation> codec(SchemaHistory history) {
        return SingleObjectCodec.conversations(history);
    }

    @Override
    Optional<Rejection> check(Conversation event, Instant arrival) {
        return expectations.check(event, arrival);
    }
}
