package io.callsignal.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Participant;
import io.callsignal.schema.SourceRecord;
import java.nio.ByteBuffer;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

class ContractColumnsTest {

    @Test
    void theContractsFieldsAreTheColumnsTheirSystemFieldsUnderscored() {
        assertEquals(StructType.fromDDL("call_id STRING, source_platform STRING, call_timestamp TIMESTAMP,"
                + " duration_seconds INT, participants ARRAY<STRUCT<name: STRING, email: STRING, role: STRING>>,"
                + " deal_id STRING, account_id STRING, transcript_text STRING, metadata MAP<STRING, STRING>,"
                + " _rescued_data STRING, _source STRUCT<topic: STRING, partition: INT, offset: BIGINT,"
                + " timestamp: TIMESTAMP, `index`: INT>, language STRING"), ContractColumns.of(Conversation.getClassSchema()));
        assertEquals("close_date", ContractColumns.of(Deal.getClassSchema()).fields()[6].name());
        assertEquals("DATE", ContractColumns.of(Deal.getClassSchema()).fields()[6].dataType().sql());
    }

    @Test
    void aRecordsValuesAreSparksValuesInColumnOrder() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        SourceRecord source = SourceRecord.newBuilder().setTopic("conversations.raw").setPartition(1).setOffset(7)
                .setTimestamp(at).build();
        Conversation call = Conversation.newBuilder().setCallId("c1").setSourcePlatform("gong").setCallTimestamp(at)
                .setParticipants(List.of(Participant.newBuilder().setName("Ana").setEmail("ana@acme.example")
                        .setRole("rep").build()))
                .setMetadata(Map.of("title", "Discovery")).setSource(source).setLanguage("eng").build();

        Object[] values = ContractColumns.values(call);

        assertEquals("c1", values[0]);
        assertEquals(Timestamp.from(at), values[2]);
        assertEquals(List.of(RowFactory.create("Ana", "ana@acme.example", "rep")),
                JavaConverters.seqAsJavaList((scala.collection.Seq<?>) values[4]));
        assertEquals(Map.of("title", "Discovery"), JavaConverters.mapAsJavaMap((scala.collection.Map<?, ?>) values[8]));
        assertEquals(RowFactory.create("conversations.raw", 1, 7L, Timestamp.from(at), null), values[10]);
        assertEquals("eng", values[11]);
        assertEquals(Date.valueOf(LocalDate.parse("2026-03-31")), ContractColumns.values(Deal.newBuilder().setDealId("D1")
                .setSourceSystem("hubspot").setCloseDate(LocalDate.parse("2026-03-31")).setUpdatedAt(at)
                .setSource(source).build())[6]);
    }

    /** A later version may add a field of any Avro type a column can hold. */
    @Test
    void otherAvroTypesHaveTheirColumnsAndUnionsOfTwoTypesNone() {
        Schema evolved = SchemaBuilder.record("Evolved").fields()
                .name("kind").type().enumeration("Kind").symbols("A", "B").noDefault()
                .name("score").type().floatType().noDefault()
                .name("blob").type().optional().bytesType()
                .endRecord();
        assertEquals(StructType.fromDDL("kind STRING, score FLOAT, blob BINARY"), ContractColumns.of(evolved));
        GenericRecord record = new GenericData.Record(evolved);
        record.put("kind", new GenericData.EnumSymbol(evolved.getField("kind").schema(), "B"));
        record.put("score", 0.5f);
        record.put("blob", ByteBuffer.wrap(new byte[] {1, 2}));
        Object[] values = ContractColumns.values(record);
        assertEquals("B", values[0]);
        assertEquals(0.5f, values[1]);
        assertArrayEquals(new byte[] {1, 2}, (byte[]) values[2]);

        Schema ambiguous = SchemaBuilder.record("Ambiguous").fields()
                .name("either").type().unionOf().stringType().and().intType().endUnion().noDefault().endRecord();
        assertThrows(IllegalArgumentException.class, () -> ContractColumns.of(ambiguous));
    }
}
