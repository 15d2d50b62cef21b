package io.callsignal.cli;

import io.callsignal.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the sink-spark jar; {@code bin/callsignal} dispatches here. */
@Command(name = "callsignal", mixinStandardHelpOptions = true,
        description = "callsignal sink: Kafka topics into Delta Lake bronze, silver and gold tables.")
public final class SinkCli {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new SinkCli());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("configuration error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(commandLine.execute(args));
    }
}
