package io.callsignal.cli;

import io.callsignal.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the streams-app jar; {@code bin/callsignal} dispatches here. */
@Command(name = "callsignal", mixinStandardHelpOptions = true,
        description = "callsignal: sales-call events validated, typed and deduplicated on Kafka.",
        subcommands = {StreamsCommand.class, TailCommand.class, TopicsCommand.class, KafkaPingCommand.class})
public final class StreamsAppCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new StreamsAppCli());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("configuration error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return commandLine;
    }
}
