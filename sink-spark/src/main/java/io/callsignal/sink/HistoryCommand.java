package io.callsignal.sink;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "A table's versions, newest first: when, which operation, and what it changed.")
final class HistoryCommand implements Callable<Integer> {

    @Mixin
    LakeOptions lakeOptions;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TABLE", description = "e.g. silver.conversations")
    String table;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json; default: ${DEFAULT-VALUE}.")
    ResultFormat format;

    @Override
    public Integer call() {
        var spark = lakeOptions.open().spark();
        format.print(spark.sql("DESCRIBE HISTORY " + LakeTables.named(spec, table).qualifiedName())
                .selectExpr("version", "timestamp", "operation", "operationParameters", "operationMetrics",
                        "userMetadata"), spec.commandLine().getOut());
        return 0;
    }
}
