package io.callsignal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsignal.codec.EventCodec;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.codec.SingleObjectCodec;
import io.callsignal.codec.UndecodableEventException;
import io.callsignal.command.ConfigOption;
import io.callsignal.config.Config;
import io.callsignal.topics.JsonSerde;
import io.callsignal.topics.TopicSnapshot;
import io.callsignal.topics.Topics;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
        Config config = configOption.loadReachingKafka();
        SchemaHistory history = SchemaHistory.bundled();
        Topics topics = Topics.from(config, history);
        EventCodec<?> codec = topic.equals(topics.conversationsValid.name()) ? SingleObjectCodec.conversations(history)
                : topic.equals(topics.signalsValid.name()) ? SingleObjectCodec.signals(history) : null;
        PrintStream out = System.out;
        long[] printed = {0};
        TopicSnapshot.read(config, topic, record -> {
            if (max != null && printed[0] >= max) {
                return false;
            }
            out.println(line(record, codec));
            printed[0]++;
            return true;
        });
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
