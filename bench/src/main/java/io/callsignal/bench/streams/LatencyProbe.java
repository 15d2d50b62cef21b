package io.callsignal.bench.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Produce-to-valid-topic latency: a read_committed consumer of the valid topics records, for every
 * event, the time from its record timestamp (set by the producer when it sent the raw record; Kafka
 * Streams carries it to the output) to the moment the event became readable here. Events whose raw
 * record was sent before the current phase began are not counted.
 */
final class LatencyProbe implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Recorder recorder = new Recorder(3);
    /** Per second of send time in the phase: events, and the highest latency. For the phase's time series. */
    private final Map<Long, long[]> perSecond = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile long phaseStartMillis = Long.MAX_VALUE;
    private volatile boolean running = true;

    LatencyProbe(Map<String, String> kafkaClient, List<String> validTopics) {
        Map<String, Object> properties = new HashMap<>(kafkaClient);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : validTopics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::poll, "latency-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts counting events whose raw record is sent from now on; forgets what was counted before. */
    void startPhase() {
        phaseStartMillis = System.currentTimeMillis();
        recorder.reset();
        perSecond.clear();
    }

    /** The latencies counted since {@link #startPhase()}, in milliseconds. */
    Histogram phase() {
        return recorder.getIntervalHistogram();
    }

    /** The phase as CSV: second of send time, events sent in it, their highest latency in ms. */
    String timeSeries() {
        StringBuilder csv = new StringBuilder("second,events,max_latency_ms\n");
        new TreeMap<>(perSecond).forEach((second, values) -> csv.append(second).append(',').append(values[0])
                .append(',').append(values[1]).append('\n'));
        return csv.toString();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    if (record.timestamp() >= phaseStartMillis) {
                        long latency = Math.max(0, now - record.timestamp());
                        recorder.recordValue(latency);
                        long[] second = perSecond.computeIfAbsent((record.timestamp() - phaseStartMillis) / 1000,
                                s -> new long[2]);
                        second[0]++;
                        second[1] = Math.max(second[1], latency);
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
