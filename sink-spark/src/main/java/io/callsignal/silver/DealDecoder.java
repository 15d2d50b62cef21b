package io.callsignal.silver;

import io.callsignal.codec.EventCodec;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.schema.Deal;
import java.sql.Date;
import java.time.Instant;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** deals.valid records into the columns of silver.deal_outcomes. */
final class DealDecoder extends EventDecoder<Deal> {

    private static final long serialVersionUID = 1L;

    private static final StructType COLUMNS = new StructType()
            .add("deal_id", DataTypes.StringType)
            .add("source_system", DataTypes.StringType)
            .add("stage", DataTypes.StringType)
            .add("is_closed", DataTypes.BooleanType)
            .add("is_won", DataTypes.BooleanType)
            .add("amount", DataTypes.DoubleType)
            .add("close_date", DataTypes.DateType)
            .add("updated_at", DataTypes.TimestampType)
            .add("_rescued_data", DataTypes.StringType)
            .add("_source", SOURCE);

    DealDecoder(SchemaSource schemas, SilverExpectations expectations) {
        super(schemas, expectations);
    }

    @Override
    StructType entityColumns() {
        return COLUMNS;
    }

    @Override
    EventCodec<Deal> codec(SchemaHistory history) {
        return SingleObjectCodec.deals(history);
    }

    @Override
    Optional<Rejection> check(Deal event, Instant arrival) {
        return expectations.check(event, arrival);
    }

    @Override
    Object[] values(Deal d) {
        return new Object[] {d.getDealId(), d.getSourceSystem(), d.getStage(), d.getIsClosed(), d.getIsWon(),
                d.getAmount(), d.getCloseDate() == null ? null : Date.valueOf(d.getCloseDate()),
                timestamp(d.getUpdatedAt()), d.getRescuedData(), source(d.getSource())};
    }
}
