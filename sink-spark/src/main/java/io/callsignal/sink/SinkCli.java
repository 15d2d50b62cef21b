package io.callsignal.sink;

import io.callsignal.command.CommandErrors;
import io.callsignal.command.HealthCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the sink-spark jar; {@code bin/callsignal} dispatches here. */
@Command(name = "callsignal", mixinStandardHelpOptions = true,
        description = "callsignal sink: Kafka topics into Delta Lake bronze, silver and gold tables.",
        subcommands = {SinkCommand.class, MaintenanceCommand.class, HistoryCommand.class, RestoreCommand.class,
                SqlCommand.class, ServeCommand.class, PolicyCommand.class, LineageCommand.class, ReportCommand.class,
                ModelCommand.class, AlertsCommand.class,
                HealthCommand.class})
public final class SinkCli {

    public static void main(String[] args) {
        // Before the first logger: log4j2.xml selects its layout by this property.
        System.setProperty("callsignal.log.format", System.getenv().getOrDefault("LOG_FORMAT", "text"));
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return CommandErrors.reported(new CommandLine(new SinkCli()).setCaseInsensitiveEnumValuesAllowed(true));
    }
}
