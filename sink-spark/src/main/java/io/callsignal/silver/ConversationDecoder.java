package io.callsignal.silver;

import io.callsignal.codec.EventCodec;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.schema.Conversation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/** conversations.valid records into the columns of silver.conversations. */
final class ConversationDecoder extends EventDecoder<Conversation> {

    private static final long serialVersionUID = 1L;

    private static final StructType PARTICIPANT = new StructType()
            .add("name", DataTypes.StringType).add("email", DataTypes.StringType).add("role", DataTypes.StringType);
    private static final StructType COLUMNS = new StructType()
            .add("call_id", DataTypes.StringType)
            .add("source_platform", DataTypes.StringType)
            .add("call_timestamp", DataTypes.TimestampType)
            .add("duration_seconds", DataTypes.IntegerType)
            .add("participants", DataTypes.createArrayType(PARTICIPANT))
            .add("deal_id", DataTypes.StringType)
            .add("account_id", DataTypes.StringType)
            .add("transcript_text", DataTypes.StringType)
            .add("metadata", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("_rescued_data", DataTypes.StringType)
            .add("_source", SOURCE);

    ConversationDecoder(SchemaSource schemas, SilverExpectations expectations) {
        super(schemas, expectations);
    }

    @Override
    StructType entityColumns() {
        return COLUMNS;
    }

    @Override
    EventCodec<Conversation> codec(SchemaHistory history) {
        return SingleObjectCodec.conversations(history);
    }

    @Override
    Optional<Rejection> check(Conversation event, Instant arrival) {
        return expectations.check(event, arrival);
    }

    @Override
    Object[] values(Conversation c) {
        return new Object[] {c.getCallId(), c.getSourcePlatform(), timestamp(c.getCallTimestamp()),
                c.getDurationSeconds(), participants(c), c.getDealId(), c.getAccountId(), c.getTranscriptText(),
                metadata(c.getMetadata()), c.getRescuedData(), source(c.getSource())};
    }

    private static Object participants(Conversation c) {
        if (c.getParticipants() == null) {
            return null;
        }
        List<Row> rows = c.getParticipants().stream()
                .map(p -> RowFactory.create(p.getName(), p.getEmail(), p.getRole())).toList();
        return JavaConverters.asScalaBuffer(rows).toSeq();
    }

    private static Object metadata(Map<String, String> metadata) {
        return metadata == null ? null : JavaConverters.mapAsScalaMap(metadata);
    }
}
