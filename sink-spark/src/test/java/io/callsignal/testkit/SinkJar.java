package io.callsignal.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The sink's jar run in a JVM of its own, as {@code bin/callsignal} runs it: a process that holds what it opens. */
public final class SinkJar {

    private static final Path JAR = Path.of("target", "callsignal-sink-spark.jar").toAbsolutePath();

    /** A command that runs until stopped; its output goes to {@code log}. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final Path log;

        private Running(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        public boolean alive() {
            return process.isAlive();
        }

        public String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        /** SIGTERM, as Kubernetes stops a pod; the exit code. */
        @Override
        public void close() {
            ChildProcesses.stop(process);
        }

        public int exitCode() {
            return process.exitValue();
        }
    }

    private SinkJar() {
    }

    public static Running start(Path log, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        command.addAll(SparkStandalone.moduleOptions());
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("CALLSIGNAL_CONFIG");
        return new Running(builder.start(), log);
    }

    /** Runs a command to its end; its exit code and output. */
    public static Launcher.Result run(Path log, Duration timeout, String... args) throws IOException, InterruptedException {
        Running running = start(log, args);
        if (!running.process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            running.close();
            throw new AssertionError(String.join(" ", args) + " did not finish within " + timeout + "\n" + running.output());
        }
        return new Launcher.Result(running.exitCode(), running.output());
    }
}
