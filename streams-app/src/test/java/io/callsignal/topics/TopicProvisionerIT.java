package io.callsignal.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.testkit.KafkaBroker;
import io.callsignal.testkit.TestBroker;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
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
}
