package io.callsignal.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ContainerBrokerWithoutDockerTest {

    @Test
    void testsOnTestcontainersAreSkippedNotFailedWithoutDocker() {
        Assumptions.assumeFalse(ContainerBroker.dockerAvailable(), "this machine has Docker");

        assertThrows(TestAbortedException.class, () -> KafkaBroker.assumeAvailable("testcontainers"));
    }
}
