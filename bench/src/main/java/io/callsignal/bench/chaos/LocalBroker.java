package io.callsignal.bench.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broker `bin/callsignal kafka start` runs for the chaos run (under its directory): killed with
 * SIGKILL, as a lost node stops, and started again the way a person would, through the launcher.
 */
final class LocalBroker {

    private static final long WAIT_SECONDS = 120;

    private final Path launcher;
    private final Path kafkaDir;

    /** {@code launcher}'s environment (inherited) names the port and directory of this broker. */
    LocalBroker(Path launcher, Path localDir) {
        this.launcher = launcher;
        this.kafkaDir = localDir.resolve("kafka");
    }

    void restart() throws IOException, InterruptedException, ExecutionException, TimeoutException {
        long pid = Long.parseLong(Files.readString(kafkaDir.resolve("kafka.pid"), StandardCharsets.UTF_8).trim());
        ProcessHandle broker = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the broker (pid "
                + pid + ") is not running; see " + kafkaDir.resolve("logs/server.log")));
        broker.destroyForcibly();
        broker.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        Process start = new ProcessBuilder(launcher.toString(), "kafka", "start").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(kafkaDir.resolve("restarts.log").toFile())).start();
        if (!start.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) || start.exitValue() != 0) {
            start.destroyForcibly();
            throw new IllegalStateException("the broker did not start again; see " + kafkaDir.resolve("restarts.log"));
        }
    }
}
