package io.callsignal.cli;

import io.callsignal.codec.SchemaHistory;
import io.callsignal.command.ConfigOption;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.topics.TopicProvisioner;
import io.callsignal.topics.Topics;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "topics", description = "Manage the pipeline's topics.", subcommands = TopicsCommand.Create.class)
final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create every pipeline topic that is missing (idempotent).")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConfigOption configOption;

        @Override
        public Integer call() throws Exception {
            Config config = configOption.loadReachingKafka();
            Topics topics = Topics.from(config, SchemaHistory.bundled());
            try (Admin admin = KafkaAdmin.open(config, Duration.ofSeconds(30))) {
                var provisioned = new TopicProvisioner(admin).provision(topics,
                        config.get(CommonSettings.TOPIC_PARTITIONS),
                        config.get(CommonSettings.TOPIC_REPLICATION_FACTOR).shortValue());
                provisioned.topics().forEach(System.out::println);
                for (String raised : provisioned.raised()) {
                    System.out.println("raised  " + raised + " max.message.bytes to " + topics.maxMessageBytes().get(raised));
                }
            }
            return 0;
        }
    }
}
