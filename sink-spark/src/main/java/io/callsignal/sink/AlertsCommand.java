package io.callsignal.sink;

import io.callsignal.alerts.AlertEvent;
import io.callsignal.alerts.AlertTopic;
import io.callsignal.config.Config;
import io.callsignal.config.SinkSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "alerts", mixinStandardHelpOptions = true, subcommands = AlertsCommand.ListAlerts.class,
        description = "The alerts the sink raised from the lake's alert rules (docs/alerts.md).")
final class AlertsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The alerts firing now, from the alerts topic (with --all, also those resolved).")
    static final class ListAlerts implements Callable<Integer> {

        @Mixin
        LakeOptions lakeOptions;

        @Spec
        CommandSpec spec;

        @Option(names = "--all", description = "Also the alerts that have resolved, with their last change.")
        boolean all;

        @Override
        public Integer call() {
            Config config = lakeOptions.configReachingKafka();
            List<AlertEvent> alerts = AlertTopic.latest(config).values().stream()
                    .filter(alert -> all || alert.status() == AlertEvent.Status.FIRING).toList();
            PrintWriter out = spec.commandLine().getOut();
            for (AlertEvent alert : alerts) {
                out.printf("%-8s %s  since %s  %s%n", alert.status().name().toLowerCase(), alert.alert(), alert.at(),
                        alert.message());
            }
            out.printf("(%d %s alerts in %s)%n", alerts.size(), all ? "known" : "firing",
                    config.get(SinkSettings.TOPIC_ALERTS));
            out.flush();
            return 0;
        }
    }
}
