package io.callsignal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.ops.OpsServer;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HealthCommandTest {

    @Test
    void exitsZeroOnlyWhenTheProbeAnswers200() throws Exception {
        try (OpsServer healthy = OpsServer.start(0, () -> true, () -> false, () -> "");
                OpsServer failed = OpsServer.start(0, () -> false, () -> false, () -> "")) {
            assertEquals(0, health("--port", String.valueOf(healthy.port())));
            assertEquals(1, health("--port", String.valueOf(healthy.port()), "--probe", "readyz"));
            assertEquals(1, health("--port", String.valueOf(failed.port())));
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertEquals(1, health("--port", String.valueOf(closed)), "nothing listening");
    }

    private static int health(String... args) {
        return new CommandLine(new HealthCommand()).execute(args);
    }
}
