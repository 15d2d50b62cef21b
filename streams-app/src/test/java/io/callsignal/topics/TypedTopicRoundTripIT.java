package io.callsignal.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.Config;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Participant;
import io.callsignal.schema.SourceRecord;
import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.Records;
import io.callsignal.testkit.TestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A typed event survives the trip through a real broker with the serdes the Topics registry binds. */
@ExtendWith(KafkaBroker.class)
class TypedTopicRoundTripIT {

    @Test
    void conversationRoundTripsThroughTheBroker(TestBroker broker) throws Exception {
        String topicName = broker.createUniqueTopics(3, "conversations.valid").get(0);
        Topics topics = Topics.from(Config.of(Map.of("TOPIC_CONVERSATIONS_VALID", topicName), Optional.empty()),
                SchemaHistory.bundled());
        Topic<String, Conversation> topic = topics.conversationsValid;
        Conversation call = Conversation.newBuilder().setCallId("call-42").setSourcePlatform("zoom")
                .setCallTimestamp(Instant.parse("2026-02-03T14:00:00Z")).setDurationSeconds(2700)
                .setParticipants(List.of(new Participant("Bo", "bo@buyer.com", "prospect")))
                .setSource(new SourceRecord("conversations.raw", 1, 99L, Instant.parse("2026-02-03T15:00:00Z"), null))
                .build();

        try (var producer = new KafkaProducer<>(broker.clientProperties(),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), call.getCallId(), call)).get();
        }

        List<ConsumerRecord<String, Conversation>> received = Records.readAtLeast(broker.bootstrapServers(),
                topic.name(), 1, topic.keySerde().deserializer(), topic.valueSerde().deserializer(),
                Duration.ofSeconds(60));

        assertEquals(1, received.size());
        assertEquals("call-42", received.get(0).key());
        assertEquals(call, received.get(0).value());
    }
}
