package io.callsignal.silver;

import io.callsignal.codec.EventCodec;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.schema.Signal;
import java.time.Instant;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** signals.valid records into the columns of silver.conversation_signals. */
final class SignalDecoder extends EventDecoder<Signal> {

    private static final long serialVersionUID = 1L;

    private static final StructType COLUMNS = new StructType()
            .add("signal_id", DataTypes.StringType)
            .add("call_id", DataTypes.StringType)
            .add("signal_name", DataTypes.StringType)
            .add("signal_value", DataTypes.StringType)
            .add("signal_type", DataTypes.StringType)
            .add("confidence", DataTypes.DoubleType)
            .add("scoring_version", DataTypes.StringType)
            .add("evaluated_at", DataTypes.TimestampType)
            .add("_rescued_data", DataTypes.StringType)
            .add("_source", SOURCE);

    SignalDecoder(SchemaSource schemas, SilverExpectations expectations) {
        super(schemas, expectations);
    }

    @Override
    StructType entityColumns() {
        return COLUMNS;
    }

    @Override
    EventCodec<Signal> codec(SchemaHistory history) {
        return SingleObjectCodec.signals(history);
    }

    @Override
    Optional<Rejection> check(Signal event, Instant arrival) {
        return expectations.check(event, arrival);
    }

    @Override
    Object[] values(Signal s) {
        return new Object[] {s.getSignalId(), s.getCallId(), s.getSignalName(), s.getSignalValue(),
                s.getSignalType(), s.getConfidence(), s.getScoringVersion(), timestamp(s.getEvaluatedAt()),
                s.getRescuedData(), source(s.getSource())};
    }
}
