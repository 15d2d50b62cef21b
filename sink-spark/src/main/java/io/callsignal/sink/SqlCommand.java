package io.callsignal.sink;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import io.callsignal.governance.AccessDenied;
import io.callsignal.governance.AuditLog;
import io.callsignal.governance.Governance;
import io.callsignal.governance.LakePolicy;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a Spark SQL statement with every lake table registered (bronze.*, silver.*, gold.*),"
                + " as a user of the lake's governance policy where it has one.")
final class SqlCommand implements Callable<Integer> {

    /** Who `sql` runs as without --user on a governed lake: the person at the lake's machine. */
    static final String OPERATOR = "operator";
    static final int DENIED = 4;

    @Mixin
    LakeOptions lakeOptions;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "QUERY", description = "The statement, e.g. \"SELECT * FROM gold.deal_signal_summary\".")
    String query;

    @Option(names = "--format", defaultValue = "table",
            description = "table, csv or json (one object per row); default: ${DEFAULT-VALUE}.")
    ResultFormat format;

    @Option(names = "--user", paramLabel = "NAME",
            description = "The policy's user to run as (default: " + OPERATOR + "); filters, masks and grants apply.")
    String user;

    @Override
    public Integer call() {
        Config config = lakeOptions.config();
        LakeCatalog lake = lakeOptions.openWithMetastore(config).orElseGet(() -> {
            spec.commandLine().getErr().println("note: another process (serve?) has the lake's metastore open;"
                    + " this statement sees the lake's tables but not the views kept there");
            return lakeOptions.open(config);
        });
        Optional<AuditLog> audit = LakePolicy.enforce(lake, config, "sql");
        if (audit.isEmpty() && user != null) {
            throw new ConfigException("--user needs a governance policy, and there is none at "
                    + LakePolicy.location(config));
        }
        String principal = user == null ? OPERATOR : user;
        lake.spark().sparkContext().setJobDescription(query);
        try {
            Runnable run = () -> format.print(lake.spark().sql(query), spec.commandLine().getOut());
            if (audit.isPresent()) {
                Governance.as(principal, () -> {
                    run.run();
                    return null;
                });
            } else {
                run.run();
            }
            return 0;
        } catch (RuntimeException e) {
            Optional<AccessDenied> denied = AccessDenied.in(e);
            if (denied.isEmpty()) {
                throw e;
            }
            spec.commandLine().getErr().println(denied.get().getMessage());
            return DENIED;
        } finally {
            audit.ifPresent(AuditLog::close);
        }
    }
}
