package io.callsignal.cli;

import io.callsignal.command.ConfigOption;
import io.callsignal.command.DurationConverter;
import io.callsignal.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "kafka-ping", mixinStandardHelpOptions = true,
        description = "Exit 0 once the brokers answer (within --wait), 1 if they do not.")
final class KafkaPingCommand implements Callable<Integer> {

    @Mixin
    ConfigOption configOption;

    @Option(names = "--wait", defaultValue = "0s", converter = DurationConverter.class,
            description = "How long to keep trying (e.g. 60s); default: one attempt.")
    Duration wait;

    @Override
    public Integer call() throws InterruptedException {
        Config config = configOption.load();
        Duration attempt = Duration.ofSeconds(3);
        Instant deadline = Instant.now().plus(wait);
        try (Admin admin = KafkaAdmin.open(config, attempt)) {
            while (true) {
                try {
                    DescribeClusterResult cluster = admin.describeCluster();
                    String clusterId = cluster.clusterId().get(attempt.toMillis(), TimeUnit.MILLISECONDS);
                    int nodes = cluster.nodes().get(attempt.toMillis(), TimeUnit.MILLISECONDS).size();
                    System.out.println("cluster " + clusterId + " answers with " + nodes + " broker(s)");
                    return 0;
                } catch (ExecutionException | TimeoutException e) {
                    if (Instant.now().isAfter(deadline)) {
                        System.err.println("no answer from " + config.kafkaClient().get("bootstrap.servers"));
                        return 1;
                    }
                }
            }
        }
    }
}
