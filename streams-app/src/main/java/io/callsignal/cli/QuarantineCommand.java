package io.callsignal.cli;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.command.ConfigOption;
import io.callsignal.config.Config;
import io.callsignal.redrive.QuarantineRedrive;
import io.callsignal.rejection.Reason;
import io.callsignal.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "quarantine", description = "Work with the quarantine topic.", subcommands = QuarantineCommand.Redrive.class)
final class QuarantineCommand {

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = {"Republish the original payloads of quarantined records to their raw topic, after a rule"
                    + " or adapter fix, so the streams app judges them again. Each record is republished once,"
                    + " whatever the number of redrives (docs/quarantine.md)."})
    static final class Redrive implements Callable<Integer> {

        @Mixin
        ConfigOption configOption;

        @Option(names = "--reason", required = true, paramLabel = "REASON",
                description = "Only records quarantined for this reason: ${COMPLETION-CANDIDATES}.")
        Reason reason;

        @Option(names = "--since", paramLabel = "TIMESTAMP", converter = InstantConverter.class,
                description = "Only records quarantined at or after this ISO-8601 timestamp with offset.")
        Instant since;

        @Option(names = "--dry-run", description = "Count what would be republished, publish nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            Config config = configOption.loadReachingKafka();
            QuarantineRedrive.Result result = new QuarantineRedrive(config, Topics.from(config, SchemaHistory.bundled()),
                    Clock.systemUTC()).run(reason, since, dryRun);
            System.out.printf("%s %d records (%d quarantined units of %s); already redriven: %d; payload not kept"
                    + " (read it at its source coordinates): %d; not from a raw topic: %d%n",
                    dryRun ? "would republish" : "republished", result.republishedRecords(), result.units(), reason,
                    result.alreadyRedriven(), result.withoutPayload(), result.notFromRawTopic());
            return 0;
        }
    }

    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return OffsetDateTime.parse(value).toInstant();
        }
    }
}
