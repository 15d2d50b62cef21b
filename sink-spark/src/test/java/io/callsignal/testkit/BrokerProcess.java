package io.callsignal.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Apache Kafka's own KRaft broker as a child process, one per test run of this module. The sink
 * shares its JVM with Spark's kafka-clients 3.4, so the in-JVM test kit of the streams app (Kafka 4)
 * cannot run here; the broker's classpath is the one streams-app's build writes for
 * {@code bin/callsignal kafka start}.
 */
public final class BrokerProcess implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final Path CLASSPATH = Path.of("..", "streams-app", "target", "kafka-broker.classpath");
    private static BrokerProcess shared;

    private final Process process;
    private final String bootstrap;

    private BrokerProcess(Process process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
    }

    /** The module's broker, started on first use and stopped when the test run ends. */
    public static synchronized BrokerProcess shared(ExtensionContext context) throws Exception {
        if (shared == null) {
            shared = start();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(BrokerProcess.class, shared);
        }
        return shared;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /**
     * Creates the topics (three partitions each) and returns once each partition's leader serves it,
     * as a list-offsets request, answered by the leader alone, tells. Metadata names the leader a
     * moment earlier, and an idempotent producer's batch refused then can be stuck behind a later
     * one for good (KAFKA-15591; TopicProvisioner in the streams app).
     */
    public void createTopics(List<String> topics) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, 3, (short) 1)).toList()).all().get();
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (String topic : topics) {
                for (int partition = 0; partition < 3; partition++) {
                    partitions.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
            }
            await("leaders serving " + topics).atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
                return true;
            });
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }

    private static BrokerProcess start() throws Exception {
        if (!Files.exists(CLASSPATH)) {
            throw new IllegalStateException(CLASSPATH + " is missing: build streams-app first (mvn verify builds"
                    + " the modules in order)");
        }
        String classpath = Files.readString(CLASSPATH).trim();
        Path dir = Files.createTempDirectory("callsignal-broker");
        int port = freePort();
        int controllerPort = freePort();
        Properties server = new Properties();
        server.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort),
                Map.entry("log.dirs", dir.resolve("data").toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            server.store(out, null);
        }
        Path log = Path.of("target", "it-logs", "broker.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process format = java(classpath, log, "kafka.tools.StorageTool", "format", "--standalone",
                // Kafka's own: its ids never start with '-', which the tool would read as an option (a random
                // URL-safe base64 one did, one start in 64).
                "-t", Uuid.randomUuid().toString(), "-c", config.toString());
        if (format.waitFor() != 0) {
            throw new IllegalStateException("formatting the broker's storage failed; see " + log);
        }
        BrokerProcess broker = new BrokerProcess(java(classpath, log, "kafka.Kafka", config.toString()),
                "127.0.0.1:" + port);
        try (Admin admin = broker.admin()) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
        }
        return broker;
    }

    private static Process java(String classpath, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", classpath));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
