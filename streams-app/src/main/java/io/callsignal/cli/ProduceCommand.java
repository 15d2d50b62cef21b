package io.callsignal.cli;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.command.ConfigOption;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.sample.SampleGenerator.Destination;
import io.callsignal.sample.SampleGenerator.Sample;
import io.callsignal.sample.SampleGenerator;
import io.callsignal.sample.SamplePublisher;
import io.callsignal.topics.JsonSerde;
import io.callsignal.topics.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Publish a realistic sample: Gong, Zoom and canonical calls with their signals, repeats, "
                + "re-evaluations, late arrivals and bad records of every reason (docs/demo.md).")
final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--sample", paramLabel = "N", required = true, description = "How many calls.")
    int calls;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Same seed, same sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--truth", paramLabel = "FILE",
            description = "Write what the pipeline must make of the sample (counts per layer, JSON) here.")
    Path truthFile;

    @Override
    public Integer call() throws Exception {
        if (calls < 1) {
            throw new ParameterException(spec.commandLine(), "--sample must be at least 1");
        }
        Config config = configOption.loadReachingKafka();
        Topics topics = Topics.from(config, SchemaHistory.bundled());
        Sample sample = SampleGenerator.generate(calls, seed, config.get(StreamsSettings.MAX_PAYLOAD_BYTES));
        Map<Destination, String> names = Map.of(Destination.CONVERSATIONS_RAW, topics.conversationsRaw.name(),
                Destination.SIGNALS_RAW, topics.signalsRaw.name(), Destination.DEALS_RAW, topics.dealsRaw.name(),
                Destination.SIGNALS_VALID, topics.signalsValid.name());
        Map<Destination, Integer> sent;
        try (SamplePublisher publisher = new SamplePublisher(config.kafkaClient(), names)) {
            sample.records().forEach(publisher::send);
            publisher.flush();
            sent = publisher.sent();
        }
        if (truthFile != null) {
            JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValue(truthFile.toFile(), sample.truth());
        }
        sent.forEach((destination, count) -> System.out.println(names.get(destination) + ": " + count + " records"));
        return 0;
    }
}
