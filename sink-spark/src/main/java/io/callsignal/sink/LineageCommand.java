package io.callsignal.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.lineage.Lineage;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "Trace a silver row back to its source: the row, the raw record's topic coordinates, and the"
                + " bronze row with the payload as sent. Exit code 1 when the id is not in silver.")
final class LineageCommand implements Callable<Integer> {

    @Mixin
    LakeOptions lakeOptions;

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Id id;

    static final class Id {
        @Option(names = "--signal-id", required = true, description = "A signal of silver.conversation_signals.")
        String signalId;

        @Option(names = "--call-id", required = true, description = "A call of silver.conversations.")
        String callId;

        @Option(names = "--deal-id", required = true, description = "A deal of silver.deal_outcomes.")
        String dealId;
    }

    @Override
    public Integer call() throws Exception {
        LakeCatalog lake = lakeOptions.open();
        Optional<ObjectNode> path = id.signalId != null ? Lineage.ofSignal(lake, id.signalId)
                : id.callId != null ? Lineage.ofCall(lake, id.callId) : Lineage.ofDeal(lake, id.dealId);
        if (path.isEmpty()) {
            spec.commandLine().getErr().println("not in silver: " + (id.signalId != null ? "signal_id " + id.signalId
                    : id.callId != null ? "call_id " + id.callId : "deal_id " + id.dealId));
            return 1;
        }
        spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(path.get()));
        return 0;
    }
}
