package io.callsignal.sink;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.report.LakeCounts;
import io.callsignal.report.TruthCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the lake in numbers (rows per layer, quarantine by reason, the streams app's accounting,"
                + " a few gold rows) and, with --truth, check them; exit 1 on any mismatch.")
final class ReportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Long>> COUNTS = new TypeReference<>() {
    };

    @Mixin
    LakeOptions lakeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--truth", paramLabel = "FILE", description = "Expected counts, as `produce --truth` writes them.")
    Path truthFile;

    @Option(names = "--accounting", paramLabel = "FILE",
            description = "The streams app's unit accounting, as `streams --until-idle --accounting` writes it.")
    Path accountingFile;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        LakeCatalog lake = lakeOptions.open();
        SortedMap<String, Long> found = LakeCounts.of(lake);
        if (accountingFile != null) {
            found.putAll(read(accountingFile));
        }
        out.println("Rows per table");
        for (String layer : List.of("bronze.", "silver.", "gold.")) {
            section(out, found, layer, false);
        }
        out.println("Quarantined units by reason (streams app and sink)");
        section(out, found, "quarantine.", true);
        if (accountingFile != null) {
            out.println("Streams app: where each input unit went");
            section(out, found, "streams.", true);
        }
        if (lake.exists(LakeTable.GOLD_DEAL_SIGNAL_SUMMARY)) {
            out.println("Top deals (" + LakeTable.GOLD_DEAL_SIGNAL_SUMMARY.qualifiedName() + ")");
            ResultFormat.TABLE.print(lake.spark().sql("SELECT deal_id, calls, signals, risk_flags,"
                    + " round(avg_confidence, 2) AS avg_confidence, latest_overall_score FROM "
                    + LakeTable.GOLD_DEAL_SIGNAL_SUMMARY.qualifiedName()
                    + " ORDER BY calls DESC, deal_id LIMIT 5"), out);
        }
        if (truthFile == null) {
            out.flush();
            return 0;
        }
        SortedMap<String, Long> expected = read(truthFile);
        if (accountingFile == null) {
            expected.keySet().removeIf(name -> name.startsWith("streams."));
        }
        TruthCheck.Result check = TruthCheck.compare(expected, found);
        check.mismatches().forEach(out::println);
        out.printf("Checks against %s: %d of %d match%n", truthFile, check.checked() - check.mismatches().size(),
                check.checked());
        out.flush();
        return check.mismatches().isEmpty() ? 0 : 1;
    }

    /** The counts whose name starts with {@code prefix}, named in full or ({@code strip}) without it. */
    private static void section(PrintWriter out, Map<String, Long> counts, String prefix, boolean strip) {
        counts.forEach((name, count) -> {
            if (name.startsWith(prefix)) {
                out.printf("  %8d  %s%n", count, strip ? name.substring(prefix.length()) : name);
            }
        });
    }

    private static SortedMap<String, Long> read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), COUNTS);
    }
}
