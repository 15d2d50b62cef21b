package io.callsignal.testkit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link TestBroker} parameter: one real broker for the whole module run, started
 * on first use and closed when the run ends. {@code -Dcallsignal.test.broker=testcontainers}
 * (Maven profile {@code testcontainers}) uses Testcontainers instead of the in-JVM KRaft broker;
 * without a Docker engine the test classes that use it are skipped, not failed.
 */
public final class KafkaBroker implements BeforeAllCallback, ParameterResolver {

    static final String KIND_PROPERTY = "callsignal.test.broker";

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    private static TestBroker broker(ExtensionContext context) {
        String kind = System.getProperty(KIND_PROPERTY, "in-jvm");
        assumeAvailable(kind);
        return context.getRoot().getStore(ExtensionContext.Namespace.create(KafkaBroker.class))
                .getOrComputeIfAbsent(TestBroker.class, key -> start(kind), TestBroker.class);
    }

    /** Aborts (skips) the calling test when the kind of broker cannot run on this machine. */
    static void assumeAvailable(String kind) {
        if (kind.equals("testcontainers")) {
            Assumptions.assumeTrue(ContainerBroker.dockerAvailable(),
                    "no Docker engine: skipping tests on Testcontainers' Kafka");
        }
    }

    private static TestBroker start(String kind) {
        try {
            return switch (kind) {
                case "in-jvm" -> new InJvmKraftBroker();
                case "testcontainers" -> new ContainerBroker();
                default -> throw new IllegalArgumentException(
                        KIND_PROPERTY + " must be in-jvm or testcontainers, not " + kind);
            };
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test broker", e);
        }
    }
}
