package io.callsignal.sink;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a table to an earlier version (itself a new version: the restore can be undone).")
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    LakeWriterOptions lakeWriter;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TABLE", description = "e.g. silver.conversation_signals")
    String table;

    @Option(names = "--version", required = true, paramLabel = "N", description = "The version to restore (see history).")
    long version;

    @Override
    public Integer call() {
        var spark = lakeWriter.open().spark();
        String name = LakeTables.named(spec, table).qualifiedName();
        ResultFormat.TABLE.print(spark.sql("RESTORE TABLE " + name + " TO VERSION AS OF " + version),
                spec.commandLine().getOut());
        return 0;
    }
}
