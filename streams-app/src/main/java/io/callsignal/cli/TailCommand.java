package io.callsignal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.codec.EventCodec;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.codec.UndecodableEventException;
import io.callsignal.config.Config;
import io.callsignal.topics.JsonSerde;
import io.callsignal.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print a pipeline topic from its start to its current end, one JSON object per line, then exit.")
final class TailCommand implements Callable<Integer> {

    @Mixin
    ConfigOption configOption;

    @Parameters(paramLabel = "TOPIC", description = "Any pipeline topic; typed topics are decoded with the schema history.")
    String topic;

    @Option(names = "--max", paramLabel = "N", description = "Print at most N records.")
    Long max;

    @Override
    public Integer call() {
        Config config = configOption.load();
        SchemaHistory history = SchemaHistory.bundled();
        Topics topics = Topics.from(config, history);
        EventCodec<?> codec = topic.equals(topics.conversationsValid.name()) ? SingleObjectCodec.conversations(history)
                : topic.equals(topics.signalsValid.name()) ? SingleObjectCodec.signals(history) : null;
        Map<String, Object> properties = new HashMap<>(config.kafkaClient());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        PrintStream out = System.out;
        long printed = 0;
        try (var consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && (max == null || printed < max)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (max != null && printed >= max) {
                        break;
                    }
                    out.println(line(record, codec));
                    printed++;
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String line(ConsumerRecord<byte[], byte[]> record, EventCodec<?> codec) {
        ObjectNode line = JsonSerde.MAPPER.createObjectNode();
        line.set("key", RecordJson.text(record.key()));
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            headers.set(header.key(), RecordJson.text(header.value()));
        }
        line.set("value", value(record.value(), codec));
        return line.toString();
    }

    private static JsonNode value(byte[] bytes, EventCodec<?> codec) {
        if (codec == null) {
            return RecordJson.bytes(bytes);
        }
        try {
            return RecordJson.avro(codec.decode(bytes));
        } catch (UndecodableEventException e) {
            return JsonSerde.MAPPER.createObjectNode().put("undecodable", e.kind().name()).put("detail", e.getMessage());
        }
    }
}
