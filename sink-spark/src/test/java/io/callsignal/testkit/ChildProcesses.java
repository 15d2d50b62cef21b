package io.callsignal.testkit;

import java.util.concurrent.TimeUnit;

/** Ending the child processes tests start: asked to stop (SIGTERM), then killed if still there after 30 s. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
