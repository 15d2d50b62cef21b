package io.callsignal.sink;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeTable;
import io.callsignal.config.Config;
import io.callsignal.model.DealPredictions;
import io.callsignal.model.ModelException;
import io.callsignal.model.ModelRegistry;
import io.callsignal.model.ModelReport;
import io.callsignal.model.ModelTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "model", mixinStandardHelpOptions = true,
        description = "The deal-outcome model (docs/model.md): train it on the lake, promote a version, report on it.",
        subcommands = {ModelCommand.Train.class, ModelCommand.Promote.class, ModelCommand.Report.class})
final class ModelCommand {

    /** The metrics printed, in this order. */
    private static final List<String> METRICS = List.of("auc", "log_loss", "brier", "calibration_error");

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Fit logistic regression and gradient-boosted trees on closed deals, record the runs in ml.runs,"
                    + " register the best in ml.models, make it the champion if it beats the current one, and refresh"
                    + " gold.deal_predictions. Exit 1 when the lake has too few closed deals or leaking features.")
    static final class Train implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        LakeOptions lakeOptions;

        @Option(names = "--report", paramLabel = "DIR", description = "Then report on the champion as `model report"
                + " --out DIR` does.")
        Path report;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the models that draw at random"
                + " (default: ${DEFAULT-VALUE}); the same seed on the same data gives the same metrics.")
        long seed;

        @Override
        public Integer call() throws IOException {
            Config config = lakeOptions.config();
            LakeCatalog lake = openForModel(lakeOptions, config);
            PrintWriter out = spec.commandLine().getOut();
            try {
                ModelTraining.Result result = ModelTraining.train(lake, config, seed);
                out.printf("trained on %d deals closed before %s, tested on %d closed since%n", result.trainDeals(),
                        result.splitDate(), result.testDeals());
                out.println(header());
                out.println(row("baseline (avg overall_score)", result.baseline()));
                result.runs().forEach(run -> out.println(row(run.model(), run.metrics())));
                out.printf("registered version %d (%s, run %s)%n", result.registered().version(),
                        result.registered().model(), result.registered().runId());
                if (result.promoted()) {
                    out.printf("champion: version %d%s%n", result.registered().version(), result.previousChampion()
                            .map(previous -> String.format(" (version %d had AUC %.3f on these deals)",
                                    previous.version(), result.previousChampionAuc().orElseThrow())).orElse(""));
                } else {
                    out.printf("champion stays version %d: AUC %.3f on these deals, not beaten%n",
                            result.previousChampion().orElseThrow().version(), result.previousChampionAuc().orElseThrow());
                }
                if (report != null) {
                    print(out, ModelReport.write(lake, ModelRegistry.champion(lake).orElseThrow(), report));
                }
                return 0;
            } catch (ModelException e) {
                spec.commandLine().getErr().println("model train: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Make a registered version the champion, whatever its metrics, and refresh gold.deal_predictions.")
    static final class Promote implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        LakeOptions lakeOptions;

        @Option(names = "--version", required = true, description = "A version of ml.models.")
        int version;

        @Override
        public Integer call() {
            Config config = lakeOptions.config();
            LakeCatalog lake = openForModel(lakeOptions, config);
            try {
                ModelRegistry.promote(lake, version);
            } catch (ModelException e) {
                spec.commandLine().getErr().println("model promote: " + e.getMessage());
                return 1;
            }
            DealPredictions.refresh(lake);
            spec.commandLine().getOut().println("champion: version " + version);
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "A version's metrics against the baseline on its run's test deals; a ROC curve and a"
                    + " calibration plot as PNG.")
    static final class Report implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        LakeOptions lakeOptions;

        @Option(names = "--version", description = "A version of ml.models (default: the champion).")
        Integer version;

        @Option(names = "--out", defaultValue = "model-report", description = "Directory for roc.png and"
                + " calibration.png (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            Config config = lakeOptions.config();
            LakeCatalog lake = openForModel(lakeOptions, config);
            var chosen = version == null ? ModelRegistry.champion(lake) : ModelRegistry.version(lake, version);
            if (chosen.isEmpty()) {
                spec.commandLine().getErr().println("model report: " + (version == null
                        ? "no champion yet: run `model train`" : "model version " + version + " is not registered"));
                return 1;
            }
            print(spec.commandLine().getOut(), ModelReport.write(lake, chosen.get(), out));
            return 0;
        }
    }

    private static void print(PrintWriter out, ModelReport.Report report) {
        out.printf("version %d (%s) on %d test deals%n", report.version().version(), report.version().model(),
                report.testDeals());
        out.println(header());
        out.println(row("baseline (avg overall_score)", report.baseline()));
        out.println(row("v" + report.version().version() + " " + report.version().model(), report.model()));
        out.println("ROC curve: " + report.roc());
        out.println("calibration plot: " + report.calibration());
    }

    /** The lake as it is, with the model's tables added where an earlier release's lake lacks them. */
    private static LakeCatalog openForModel(LakeOptions lakeOptions, Config config) {
        LakeCatalog lake = lakeOptions.open(config);
        List.of(LakeTable.ML_RUNS, LakeTable.ML_MODELS, LakeTable.GOLD_DEAL_PREDICTIONS).forEach(lake::register);
        return lake;
    }

    private static String header() {
        return String.format("%-32s %8s %8s %8s %8s", "model", "auc", "log_loss", "brier", "calib");
    }

    private static String row(String name, Map<String, Double> metrics) {
        StringBuilder row = new StringBuilder(String.format("%-32s", name));
        METRICS.forEach(metric -> row.append(String.format(" %8.3f", metrics.get(metric))));
        return row.toString();
    }
}
