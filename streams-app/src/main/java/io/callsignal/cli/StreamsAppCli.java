package io.callsignal.cli;

import io.callsignal.command.CommandErrors;
import io.callsignal.command.HealthCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the streams-app jar; {@code bin/callsignal} dispatches here. */
@Command(name = "callsignal", mixinStandardHelpOptions = true,
        description = "callsignal: sales-call events validated, typed and deduplicated on Kafka.",
        subcommands = {StreamsCommand.class, TailCommand.class, TopicsCommand.class, KafkaPingCommand.class,
                ProduceCommand.class, ReplayCommand.class, QuarantineCommand.class,
                HealthCommand.class})
public final class StreamsAppCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return CommandErrors.reported(new CommandLine(new StreamsAppCli()));
    }
}
