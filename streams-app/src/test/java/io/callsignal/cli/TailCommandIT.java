package io.callsignal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.SourceRecord;
import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.TestBroker;
import io.callsignal.topics.JsonSerde;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** `tail` prints a typed topic decoded into the schema's field names, one JSON object per line, and exits. */
@ExtendWith(KafkaBroker.class)
class TailCommandIT {

    @TempDir
    Path dir;

    @Test
    void typedTopicIsPrintedWithFieldNamesAndIsoTimestamps(TestBroker broker) throws Exception {
        String topic = broker.createUniqueTopics(1, "conversations.valid").get(0);
        Conversation call = Conversation.newBuilder().setCallId("call-7").setSourcePlatform("zoom")
                .setCallTimestamp(Instant.parse("2026-02-03T14:00:00Z")).setMetadata(Map.of("title", "Demo"))
                .setSource(new SourceRecord("conversations.raw", 0, 12L, Instant.parse("2026-02-03T15:00:00Z"), null)).build();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                var record = new ProducerRecord<>(topic, "call-7".getBytes(StandardCharsets.UTF_8),
                        SingleObjectCodec.conversations(SchemaHistory.bundled()).encode(call));
                record.headers().add("source_platform", "zoom".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        Path config = dir.resolve("callsignal.properties");
        Files.writeString(config, "kafka.bootstrap.servers=" + broker.bootstrapServers() + "\ntopic.conversations.valid=" + topic + "\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = StreamsAppCli.commandLine().execute("tail", topic, "--max", "2", "--config", config.toString());
        } finally {
            System.setOut(original);
        }

        assertEquals(0, exit);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), "--max 2");
        JsonNode first = JsonSerde.MAPPER.readTree(lines.get(0));
        assertEquals("call-7", first.get("key").asText());
        assertEquals(0, first.get("partition").asInt());
        assertEquals(0, first.get("offset").asLong());
        assertEquals("zoom", first.get("headers").get("source_platform").asText());
        assertEquals("call-7", first.get("value").get("call_id").asText());
        assertEquals("2026-02-03T14:00:00Z", first.get("value").get("call_timestamp").asText());
        assertEquals("Demo", first.get("value").get("metadata").get("title").asText());
        assertEquals(12, first.get("value").get("source").get("offset").asLong());
    }
}
