package io.callsignal.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command of `bin/callsignal` run as a user runs it, in a directory of its own and with its
 * broker on a free port (named by {@code portVariable}); its exit code and output.
 */
record LauncherRun(int exitCode, String output) {

    private static final Path LAUNCHER = Path.of("..", "bin", "callsignal").toAbsolutePath().normalize();

    static LauncherRun of(Path dir, String portVariable, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve("launcher.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("CALLSIGNAL_CONFIG");
        builder.environment().put("CALLSIGNAL_LOCAL_DIR", dir.resolve("local").toString());
        builder.environment().put(portVariable, String.valueOf(freePort()));
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        return new LauncherRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
