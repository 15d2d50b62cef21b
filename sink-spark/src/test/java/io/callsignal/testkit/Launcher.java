package io.callsignal.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** {@code bin/callsignal} run as a user runs it, with the environment a test gives it. */
public final class Launcher {

    private static final Path LAUNCHER = Path.of("..", "bin", "callsignal").toAbsolutePath().normalize();

    /** How a command ended, and everything it printed (stdout and stderr). */
    public record Result(int exitCode, String output) {
    }

    private final Map<String, String> environment = new TreeMap<>();
    private final Path logDir;

    public Launcher(Path logDir) {
        this.logDir = logDir;
    }

    public Launcher with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(logDir);
        Path log = Files.createTempFile(logDir, args[0] + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("CALLSIGNAL_CONFIG");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish within " + timeout + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
