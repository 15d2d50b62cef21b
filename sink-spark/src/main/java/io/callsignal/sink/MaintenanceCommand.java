package io.callsignal.sink;

import io.callsignal.command.DurationConverter;
import io.callsignal.maintenance.TableMaintenance;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "maintenance", mixinStandardHelpOptions = true, description = "Table maintenance.",
        subcommands = {MaintenanceCommand.Optimize.class, MaintenanceCommand.Vacuum.class})
final class MaintenanceCommand {

    @Command(name = "optimize", mixinStandardHelpOptions = true,
            description = "Compact every table's small files; cluster silver's new files by call_id.")
    static final class Optimize implements Callable<Integer> {

        @Mixin
        LakeWriterOptions lakeWriter;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            for (TableMaintenance.Optimized result : TableMaintenance.optimize(lakeWriter.open())) {
                spec.commandLine().getOut().printf("%s: %d files rewritten into %d%n",
                        result.table().qualifiedName(), result.filesRemoved(), result.filesAdded());
            }
            return 0;
        }
    }

    @Command(name = "vacuum", mixinStandardHelpOptions = true,
            description = "Delete files no table version within the retention needs (time travel stops there).")
    static final class Vacuum implements Callable<Integer> {

        @Mixin
        LakeWriterOptions lakeWriter;

        @Spec
        CommandSpec spec;

        @Option(names = "--retain", defaultValue = "168h", converter = DurationConverter.class,
                description = "Keep the files of versions this recent (default: ${DEFAULT-VALUE}; Delta refuses"
                        + " less than 168h unless spark.databricks.delta.retentionDurationCheck.enabled=false).")
        Duration retain;

        @Override
        public Integer call() {
            TableMaintenance.vacuum(lakeWriter.open(), retain).forEach(table ->
                    spec.commandLine().getOut().println(table.qualifiedName() + ": vacuumed, retaining " + retain));
            return 0;
        }
    }
}
