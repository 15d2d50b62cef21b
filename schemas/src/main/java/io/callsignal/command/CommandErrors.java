package io.callsignal.command;

import io.callsignal.config.ConfigException;
import picocli.CommandLine;

/**
 * Both apps' command lines: a configuration mistake (exit code 2) or a Kafka that cannot be reached
 * (exit code 3) is one clear line, not a stack trace.
 */
public final class CommandErrors {

    private CommandErrors() {
    }

    public static CommandLine reported(CommandLine commandLine) {
        return commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("configuration error: " + e.getMessage());
                return 2;
            }
            if (e instanceof KafkaUnreachableException) {
                cmd.getErr().println(e.getMessage());
                return 3;
            }
            throw e;
        });
    }
}
