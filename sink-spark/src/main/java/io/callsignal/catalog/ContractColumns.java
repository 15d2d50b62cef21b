package io.callsignal.catalog;

import java.nio.ByteBuffer;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * A silver table's entity columns, made from its event contract (the Avro schema the code is
 * generated from, the newest released version): each field is a column of the same name and the
 * matching Spark type, except {@code rescued_data} and {@code source}, which are the lake's
 * {@code _rescued_data} and {@code _source}. So a released version with a new optional field is a
 * new column, added to an existing table when the sink starts ({@code LakeCatalog}), with nothing to
 * migrate by hand. Every column is nullable here: an undecodable record's row has none of them.
 */
public final class ContractColumns {

    private static final Map<String, String> SYSTEM_NAMES = Map.of("rescued_data", "_rescued_data", "source", "_source");

    private ContractColumns() {
    }

    /** The contract's fields as columns, in the contract's order. */
    public static StructType of(Schema contract) {
        return struct(contract, field -> SYSTEM_NAMES.getOrDefault(field, field));
    }

    /** A record of a generated class (dates and timestamps as java.time) as values in the order of {@link #of}. */
    public static Object[] values(IndexedRecord record) {
        List<Schema.Field> fields = record.getSchema().getFields();
        Object[] values = new Object[fields.size()];
        for (Schema.Field field : fields) {
            values[field.pos()] = value(field.schema(), record.get(field.pos()));
        }
        return values;
    }

    private static StructType struct(Schema record, UnaryOperator<String> names) {
        List<StructField> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            fields.add(DataTypes.createStructField(names.apply(field.name()), type(field.schema()), true));
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType type(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case UNION -> type(nonNull(schema));
            case STRING, ENUM -> DataTypes.StringType;
            case INT -> logical instanceof LogicalTypes.Date ? DataTypes.DateType : DataTypes.IntegerType;
            case LONG -> isTimestamp(logical) ? DataTypes.TimestampType : DataTypes.LongType;
            case FLOAT -> DataTypes.FloatType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case BYTES -> DataTypes.BinaryType;
            case ARRAY -> DataTypes.createArrayType(type(schema.getElementType()));
            case MAP -> DataTypes.createMapType(DataTypes.StringType, type(schema.getValueType()));
            case RECORD -> struct(schema, UnaryOperator.identity());
            case FIXED, NULL -> throw new IllegalArgumentException("no column type for " + schema);
        };
    }

    private static Object value(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        return switch (schema.getType()) {
            case UNION -> value(nonNull(schema), value);
            case STRING, ENUM -> value.toString();
            // The generated classes convert dates and timestamps to java.time.
            case INT -> value instanceof LocalDate date ? Date.valueOf(date) : value;
            case LONG -> value instanceof Instant instant ? Timestamp.from(instant) : value;
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                yield bytes;
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    items.add(value(schema.getElementType(), item));
                }
                yield JavaConverters.asScalaBuffer(items).toSeq();
            }
            case MAP -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> entries.put(k.toString(), value(schema.getValueType(), v)));
                yield JavaConverters.mapAsScalaMap(entries);
            }
            case RECORD -> RowFactory.create(values((IndexedRecord) value));
            default -> value;
        };
    }

    /** The one type of an optional field, ["null", T]; a contract has no other unions. */
    private static Schema nonNull(Schema union) {
        List<Schema> types = union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        if (types.size() != 1) {
            throw new IllegalArgumentException("a contract's unions are [\"null\", T], not " + union);
        }
        return types.get(0);
    }

    private static boolean isTimestamp(LogicalType logical) {
        return logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros;
    }
}
