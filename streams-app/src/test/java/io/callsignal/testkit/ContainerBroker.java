package io.callsignal.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Testcontainers' Kafka, for machines with a Docker engine ({@link KafkaBroker} checks for one first). */
final class ContainerBroker extends TestBroker {

    static final String IMAGE = System.getProperty("callsignal.test.kafka.image", "apache/kafka:4.2.1");

    private final KafkaContainer container;

    ContainerBroker() {
        container = new KafkaContainer(IMAGE);
        container.start();
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
