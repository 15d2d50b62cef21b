package io.callsignal.sink;

import io.callsignal.catalog.LakeTable;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A table named on the command line, or a usage error listing the names there are. */
final class LakeTables {

    private LakeTables() {
    }

    static LakeTable named(CommandSpec spec, String name) {
        return LakeTable.byName(name).orElseThrow(() -> new ParameterException(spec.commandLine(), "no table '" + name
                + "'; the lake has " + Arrays.stream(LakeTable.values()).map(LakeTable::qualifiedName)
                        .collect(Collectors.joining(", "))));
    }
}
