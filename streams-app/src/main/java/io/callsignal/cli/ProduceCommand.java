package io.callsignal.cli;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.ingest.Extraction;
import io.callsignal.sample.SampleGenerator;
import io.callsignal.sample.SampleGenerator.Destination;
import io.callsignal.sample.SampleGenerator.Sample;
import io.callsignal.sample.SampleGenerator.SampleRecord;
import io.callsignal.topics.JsonSerde;
import io.callsignal.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
        Config config = configOption.load();
        Topics topics = Topics.from(config, SchemaHistory.bundled());
        Sample sample = SampleGenerator.generate(calls, seed, config.get(StreamsSettings.MAX_PAYLOAD_BYTES));
        Map<Destination, String> names = Map.of(Destination.CONVERSATIONS_RAW, topics.conversationsRaw.name(),
                Destination.SIGNALS_RAW, topics.signalsRaw.name(), Destination.SIGNALS_VALID, topics.signalsValid.name());
        Map<String, Object> properties = new HashMap<>(config.kafkaClient());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        Map<Destination, Integer> sent = new EnumMap<>(Destination.class);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (var producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (SampleRecord record : sample.records()) {
                var message = new ProducerRecord<>(names.get(record.destination()),
                        record.key().getBytes(StandardCharsets.UTF_8), record.value());
                if (record.platform() != null) {
                    message.headers().add(Extraction.PLATFORM_HEADER, record.platform().getBytes(StandardCharsets.UTF_8));
                }
                producer.send(message, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent.merge(record.destination(), 1, Integer::sum);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing the sample failed: " + failure.get().getMessage(), failure.get());
        }
        if (truthFile != null) {
            JsonSerde.MAPPER.writerWithDefaultPrettyPrinter().writeValue(truthFile.toFile(), sample.truth());
        }
        sent.forEach((destination, count) -> System.out.println(names.get(destination) + ": " + count + " records"));
        return 0;
    }
}
