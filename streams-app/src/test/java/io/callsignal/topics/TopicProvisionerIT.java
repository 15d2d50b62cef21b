package io.callsignal.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.TestBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class TopicProvisionerIT {

    @Test
    void createsWhatIsMissingAndLeavesWhatExists(TestBroker broker) throws Exception {
        String existing = broker.createUniqueTopics(1, "already-there").get(0);
        String fresh = "fresh-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin);

            var first = provisioner.ensure(List.of(existing, fresh), 4, (short) 1);
            var second = provisioner.ensure(List.of(existing, fresh), 4, (short) 1);

            assertEquals(List.of(
                    new TopicProvisioner.Outcome(existing, false, 1, false),
                    new TopicProvisioner.Outcome(fresh, true, 4, true)), first);
            assertFalse(second.get(1).created(), "a second run creates nothing");
            assertTrue(second.get(1).partitionsAsConfigured());
        }
    }

    /**
     * Many small batches in flight to each new partition at once: a batch the leader refused while it
     * did not serve the partition yet would be stuck behind a later one until its delivery timeout.
     */
    @Test
    void returnsOnceEveryNewPartitionTakesRecords(TestBroker broker) throws Exception {
        List<String> topics = IntStream.range(0, 40).mapToObj(i -> "fresh-" + UUID.randomUUID()).toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(topics, 3, (short) 1);
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                "linger.ms", 0, "batch.size", 256, "delivery.timeout.ms", 20_000, "request.timeout.ms", 10_000),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : topics) {
                for (int i = 0; i < 60; i++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, i % 3, null, new byte[100])));
                }
            }
            producer.flush();
        }
        List<String> failed = new ArrayList<>();
        for (Future<RecordMetadata> send : sent) {
            try {
                send.get();
            } catch (ExecutionException e) {
                failed.add(e.getCause().getMessage());
            }
        }
        assertEquals(List.of(), failed.stream().distinct().limit(3).toList(), failed.size() + " records not written");
    }
}
