package io.callsignal.bench.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JVM the benchmark runs as a child process, as the apps run in production: its own heap, its
 * output in a log file, and its peak resident memory (the kernel's VmHWM) sampled while it runs.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final long SAMPLE_MILLIS = 250;

    private final String name;
    private final Process process;
    private final Path log;
    private final AtomicLong peakRssKib = new AtomicLong();
    private final Thread sampler;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.sampler = new Thread(this::sample, "rss-" + name);
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts {@code java JVM_OPTIONS... ARGS...} with these variables added to this process's environment. */
    public static ChildJvm start(String name, List<String> jvmOptions, List<String> args, Map<String, String> env,
            Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            return new ChildJvm(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to exit by itself; its exit code. */
    public int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not finish within " + timeout + "; its output is in " + log);
        }
        return process.exitValue();
    }

    /** Fails with the log's place when the process has exited. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its output is in " + log);
        }
    }

    /** SIGKILL, as the kernel's OOM killer or a lost node stops a process: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        sampler.interrupt();
    }

    /** Highest resident set size seen so far, in MiB. */
    public double peakRssMib() {
        readPeak();
        return peakRssKib.get() / 1024.0;
    }

    /** SIGTERM, as Kubernetes stops a pod, then SIGKILL if it has not exited within a minute. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            readPeak();
            process.destroy();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        sampler.interrupt();
    }

    private void sample() {
        while (process.isAlive()) {
            readPeak();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** VmHWM is the kernel's own high-water mark, so samples far apart still see the peak between them. */
    private void readPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakRssKib.accumulateAndGet(kib, Math::max);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process has just exited: the last reading stands.
        }
    }
}
