package io.callsignal.command;

import io.callsignal.config.ConfigException;
import picocli.CommandLine;

/** Both apps' command lines: a configuration mistake is one clear line and exit code 2, not a stack trace. */
public final class ConfigErrors {

    private ConfigErrors() {
    }

    public static CommandLine reported(CommandLine commandLine) {
        return commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("configuration error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
    }
}
