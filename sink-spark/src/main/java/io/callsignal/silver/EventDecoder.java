package io.callsignal.silver;

import io.callsignal.catalog.ContractColumns;
import io.callsignal.codec.EventCodec;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.UndecodableEventException;
import io.callsignal.rejection.Reason;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Kafka records of a typed topic into rows of the entity's columns, and a rejection: undecodable
 * bytes, or an event failing {@link SilverExpectations}. Every input row gives one output row, with
 * {@code _kafka} (where it was read, and its bytes for the quarantine) and {@code _rejection}
 * (null when the event is good); a rejected event that decoded keeps its columns, its lineage
 * ({@code _source}) naming the unit in the quarantine.
 *
 * <p>Timestamps are judged against the record's arrival (the streams app stamps each typed record
 * with its own clock when the raw record came in), never later than this machine's clock: a replay
 * days later judges an event as it was judged when it arrived.
 */
abstract class EventDecoder<T extends SpecificRecord> implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    static final StructType KAFKA = new StructType()
            .add("topic", DataTypes.StringType).add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType).add("timestamp", DataTypes.TimestampType)
            .add("key", DataTypes.BinaryType).add("value", DataTypes.BinaryType);
    static final StructType REJECTION = new StructType()
            .add("reason", DataTypes.StringType).add("field", DataTypes.StringType)
            .add("detail", DataTypes.StringType);

    private final SchemaSource schemas;
    protected final SilverExpectations expectations;
    private final StructType columns;

    /** {@code contract}: the schema the event's class is generated from, whose fields are the columns. */
    EventDecoder(SchemaSource schemas, SilverExpectations expectations, Schema contract) {
        this.schemas = schemas;
        this.expectations = expectations;
        this.columns = ContractColumns.of(contract);
    }

    /** The entity's columns, from its contract ({@link ContractColumns}). */
    StructType columns() {
        return columns;
    }

    /** The entity's columns, then _kafka, _rejection. */
    StructType schema() {
        return columns.add("_kafka", KAFKA).add("_rejection", REJECTION);
    }

    abstract EventCodec<T> codec(SchemaHistory history);

    abstract Optional<Rejection> check(T event, Instant arrival);

    /** Input columns: key, value, topic, partition, offset, timestamp (the Kafka source's). */
    @Override
    public Iterator<Row> call(Iterator<Row> records) {
        EventCodec<T> codec = codec(schemas.get());
        Instant now = Instant.now();
        int width = columns.size();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Row next() {
                Row record = records.next();
                Timestamp arrival = record.getTimestamp(5);
                Row kafka = RowFactory.create(record.getString(2), record.getInt(3), record.getLong(4),
                        arrival, record.get(0), record.get(1));
                Object[] values = new Object[width];
                Rejection rejection;
                try {
                    T event = codec.decode((byte[]) record.get(1));
                    values = ContractColumns.values(event);
                    rejection = check(event, arrival.toInstant().isBefore(now) ? arrival.toInstant() : now)
                            .orElse(null);
                } catch (UndecodableEventException e) {
                    rejection = new Rejection(Reason.UNDECODABLE_EVENT, null, e.kind() + ": " + e.getMessage());
                }
                Object[] row = new Object[width + 2];
                System.arraycopy(values, 0, row, 0, width);
                row[width] = kafka;
                row[width + 1] = rejection == null ? null : rejection.toRow();
                return RowFactory.create(row);
            }
        };
    }
}
