package io.callsignal.bench.chaos;

import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The broker `bin/callsignal kafka start` runs for the chaos run (under its directory): killed with
 * SIGKILL, as a lost node stops, and started again with the very command line it ran with, its pid
 * file updated so that the launcher stops it at the end.
 */
final class LocalBroker {

    private static final long WAIT_SECONDS = 120;
    private static final long RETRY_MILLIS = 500;

    private final Path kafkaDir;
    private final Config config;

    LocalBroker(Path localDir, Config config) {
        this.kafkaDir = localDir.resolve("kafka");
        this.config = config;
    }

    void restart() throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Path pidFile = kafkaDir.resolve("kafka.pid");
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
        ProcessHandle broker = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the broker (pid "
                + pid + ") is not running; see " + kafkaDir.resolve("logs/server.log")));
        // Its command line as the kernel keeps it (ProcessHandle.info() leaves it out for the launcher's broker).
        List<String> command = List.of(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                StandardCharsets.UTF_8).split("\0"));
        broker.destroyForcibly();
        broker.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        Process restarted = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(kafkaDir.resolve("logs/server.log").toFile())).start();
        Files.writeString(pidFile, restarted.pid() + "\n", StandardCharsets.UTF_8);
        awaitAnswer(restarted);
    }

    /** Until the broker has registered again (after a SIGKILL it waits out its old session) and answers. */
    private void awaitAnswer(Process broker) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        var properties = new HashMap<String, Object>(config.kafkaClient());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(properties)) {
            while (System.nanoTime() < deadline) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("the broker exited on restart; see " + kafkaDir.resolve("logs/server.log"));
                }
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // Not up yet.
                }
                Thread.sleep(RETRY_MILLIS);
            }
        }
        throw new TimeoutException("the broker at " + config.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS)
                + " did not answer within " + WAIT_SECONDS + " s of its restart");
    }
}
