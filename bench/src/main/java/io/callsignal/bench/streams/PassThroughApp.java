package io.callsignal.bench.streams;

import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.topology.StreamsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The limit the streams app is measured against: the same raw topics, the same Kafka Streams
 * configuration (exactly_once_v2, commit interval, producer sizes; {@link StreamsProperties}), the
 * same repartition hop, but each record's bytes passed through untouched to an output topic.
 * Runs until SIGTERM.
 */
public final class PassThroughApp {

    /** Output topic of a raw topic. */
    public static String output(String rawTopic) {
        return rawTopic + ".passthrough";
    }

    public static Topology topology(List<String> rawTopics) {
        StreamsBuilder builder = new StreamsBuilder();
        for (String raw : rawTopics) {
            builder.stream(raw, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                    .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(raw + "-by-key"))
                    .to(output(raw), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        }
        return builder.build();
    }

    public static List<String> rawTopics(Config config) {
        return List.of(config.get(CommonSettings.TOPIC_CONVERSATIONS_RAW), config.get(CommonSettings.TOPIC_SIGNALS_RAW),
                config.get(CommonSettings.TOPIC_DEALS_RAW));
    }

    public static void main(String[] args) throws InterruptedException {
        Config config = Config.load(Optional.empty());
        KafkaStreams streams = new KafkaStreams(topology(rawTopics(config)),
                StreamsProperties.from(config, new PipelineMetrics(new SimpleMeterRegistry())));
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(60)), "shutdown"));
        streams.start();
        stopped.await();
    }
}
