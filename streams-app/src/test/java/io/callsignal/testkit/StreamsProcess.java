package io.callsignal.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The streams-app jar run as its own process (`callsignal streams ...`), output to a log under target/it-logs. */
public final class StreamsProcess {

    private StreamsProcess() {
    }

    public static Process start(Map<String, String> env, String logName, String... args) throws IOException {
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", Path.of("target", "callsignal-streams-app.jar").toAbsolutePath().toString(), "streams"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(logName).toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    public static String log(String logName) throws IOException {
        return Files.readString(Path.of("target", "it-logs", logName));
    }
}
