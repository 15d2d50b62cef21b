package io.callsignal.sink;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a Spark SQL statement with every lake table registered (bronze.*, silver.*, gold.*).")
final class SqlCommand implements Callable<Integer> {

    @Mixin
    LakeOptions lakeOptions;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "QUERY", description = "The statement, e.g. \"SELECT * FROM gold.deal_signal_summary\".")
    String query;

    @Option(names = "--format", defaultValue = "table",
            description = "table, csv or json (one object per row); default: ${DEFAULT-VALUE}.")
    ResultFormat format;

    @Override
    public Integer call() {
        format.print(lakeOptions.open().spark().sql(query), spec.commandLine().getOut());
        return 0;
    }
}
