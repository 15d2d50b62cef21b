package io.callsignal.bench.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import io.callsignal.app.IdleWatcher;
import io.callsignal.bench.process.Apps;
import io.callsignal.bench.process.ChildJvm;
import io.callsignal.codec.SchemaHistory;
import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.metrics.PipelineMetrics;
import io.callsignal.sample.SampleGenerator;
import io.callsignal.sample.SampleGenerator.Destination;
import io.callsignal.sample.SampleGenerator.SampleRecord;
import io.callsignal.sample.SamplePublisher;
import io.callsignal.sample.UnitLedger;
import io.callsignal.topics.JsonSerde;
import io.callsignal.topics.TopicProvisioner;
import io.callsignal.topics.TopicSnapshot;
import io.callsignal.topics.Topics;
import io.callsignal.topology.CallsignalTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `bin/callsignal chaos`: publishes generated traffic (duplicates, re-evaluations, bad records)
 * while the streams app runs as a child process, kills the app with SIGKILL and the broker with
 * SIGKILL at random moments, restarting each as a supervisor would, then checks every unit the app
 * wrote (read_committed) against the generator's truth by its lineage. Exit 0 only when nothing is
 * lost, duplicated or misrouted.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Exactly-once under SIGKILL and broker restarts, checked unit by unit.")
public final class Chaos implements Callable<Integer> {

    private static final int CALLS_PER_CHUNK = 500;
    /** After publishing up to a disruption, it strikes within this long, while the app works on what came. */
    private static final long MAX_STRIKE_DELAY_MILLIS = 2_000;
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    static final long POLL_MILLIS = 500;
    static final String APPLICATION_ID = "callsignal-chaos";

    @Option(names = "--events", required = true, paramLabel = "N", description = "Events (units) to publish.")
    long events;

    @Option(names = "--kills", defaultValue = "3", paramLabel = "K",
            description = "SIGKILLs of the streams app (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--broker-restarts", defaultValue = "1", paramLabel = "B",
            description = "SIGKILLs and restarts of the broker (default: ${DEFAULT-VALUE}).")
    int brokerRestarts;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the traffic and of the moments (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dir", required = true, description = "Working directory of the run (wiped by the launcher).")
    Path dir;

    private enum Disruption { KILL, BROKER_RESTART }

    private Apps apps;
    private Map<String, String> appEnv;
    private int appRuns;
    private int unplannedExits;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Chaos()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("callsignal.root", ".")).toAbsolutePath().normalize();
        apps = new Apps(root, dir.resolve("logs"));
        appEnv = new HashMap<>(Map.of(CommonSettings.KAFKA_BOOTSTRAP_SERVERS.env(),
                System.getenv(CommonSettings.KAFKA_BOOTSTRAP_SERVERS.env()), StreamsSettings.APPLICATION_ID.env(),
                APPLICATION_ID, StreamsSettings.STATE_DIR.env(), dir.resolve("state").toString(),
                StreamsSettings.HTTP_PORT.env(), "0", StreamsSettings.INSTANCE_ID.env(), "chaos-0",
                "KAFKA_LOG_LEVEL", "WARN"));
        Config config = Config.of(appEnv, Optional.empty());
        LocalBroker broker = new LocalBroker(dir, config);
        Topics topics = Topics.from(config, SchemaHistory.bundled());
        Random random = new Random(seed);
        List<Disruption> plan = plan(random);
        long[] moments = moments(random, plan.size());
        say("publishing " + events + " events; the streams app runs from the start, " + kills + " SIGKILLs of it and "
                + brokerRestarts + " of the broker at random moments; logs in " + dir.resolve("logs"));

        UnitLedger ledger = new UnitLedger();
        long published = 0;
        ChildJvm app;
        try (Admin admin = Admin.create(new HashMap<>(config.kafkaClient()))) {
            new TopicProvisioner(admin).provision(topics, config.get(CommonSettings.TOPIC_PARTITIONS),
                    config.get(CommonSettings.TOPIC_REPLICATION_FACTOR).shortValue());
            Progress progress = new Progress(admin, topics);
            app = startApp();
            int next = 0;
            Map<Destination, String> destinations = Map.of(Destination.CONVERSATIONS_RAW,
                    topics.conversationsRaw.name(), Destination.SIGNALS_RAW, topics.signalsRaw.name(),
                    Destination.DEALS_RAW, topics.dealsRaw.name());
            try (SamplePublisher publisher = new SamplePublisher(config.kafkaClient(), destinations)) {
                for (int chunk = 0; published < events; chunk++) {
                    for (SampleRecord record : SampleGenerator.generate(CALLS_PER_CHUNK, seed * 1_000_003 + chunk,
                            config.get(StreamsSettings.MAX_PAYLOAD_BYTES)).records()) {
                        if (record.destination() == Destination.SIGNALS_VALID || published >= events) {
                            continue;
                        }
                        publisher.send(record, metadata -> {
                            synchronized (ledger) {
                                ledger.published(record, metadata.topic(), metadata.partition(), metadata.offset());
                            }
                        });
                        published += record.units().size();
                        if (next < plan.size() && published >= moments[next]) {
                            publisher.flush();
                            // Strike an app at work: once it has committed more since the last disruption.
                            app = progress.awaitCommitsBeyondMark(app, this::supervised);
                            Thread.sleep(random.nextLong(MAX_STRIKE_DELAY_MILLIS));
                            app = disrupt(plan.get(next), next, plan, published, app, broker);
                            progress.mark();
                            next++;
                        }
                    }
                    if (chunk % 20 == 0) {
                        say("published " + published + " of " + events + " events");
                    }
                }
            }
            say("published " + published + " events; waiting for the streams app to commit them all");
            app = awaitIdle(admin, app, config);
        }
        app.close();
        boolean accountingExact = checkAccounting(ledger);

        say("reading what the streams app wrote (read_committed)");
        readOutputs(config, topics, ledger);
        UnitLedger.Verdict verdict = ledger.verdict();
        verdict.examples().forEach(example -> say("  " + example));
        say("the streams app ran " + appRuns + " times: " + kills + " after a SIGKILL, " + unplannedExits
                + " after exiting by itself; " + verdict.units() + " units checked");
        System.out.println("chaos: " + published + " events, " + kills + " kills, " + brokerRestarts
                + " broker restarts: " + verdict.lost() + " lost, " + verdict.duplicated() + " duplicated, "
                + verdict.misrouted() + " misrouted");
        return verdict.exact() && accountingExact ? 0 : 1;
    }

    /** The app's own accounting, exact through every kill, against the truth of what was published. */
    private boolean checkAccounting(UnitLedger ledger) throws Exception {
        Path file = dir.resolve("accounting.json");
        try (ChildJvm last = apps.streamsUntilIdle("streams-accounting", appEnv, "--accounting", file.toString())) {
            if (last.await(IDLE_TIMEOUT) != 0) {
                throw new IllegalStateException("streams --until-idle failed; see " + last.log());
            }
        }
        Map<String, Long> reported = JsonSerde.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Long>>() { });
        SortedMap<String, Long> expected = ledger.expectedAccounting();
        SortedMap<String, Long> actual = UnitLedger.folded(reported);
        say("accounting " + (expected.equals(actual) ? "exact" : "WRONG") + ": the app says " + actual
                + (expected.equals(actual) ? "" : ", the truth is " + expected));
        return expected.equals(actual);
    }

    private List<Disruption> plan(Random random) {
        List<Disruption> plan = new ArrayList<>();
        plan.addAll(Collections.nCopies(kills, Disruption.KILL));
        plan.addAll(Collections.nCopies(brokerRestarts, Disruption.BROKER_RESTART));
        Collections.shuffle(plan, random);
        return plan;
    }

    /** How many events are published before each disruption: random, in order, within the run. */
    private long[] moments(Random random, int count) {
        return random.longs(count, 1, Math.max(2, events)).sorted().toArray();
    }

    private ChildJvm disrupt(Disruption disruption, int index, List<Disruption> plan, long published, ChildJvm app,
            LocalBroker broker) throws Exception {
        String which = (index + 1) + "/" + plan.size();
        if (disruption == Disruption.KILL) {
            say("disruption " + which + " at " + published + " events: SIGKILL of the streams app");
            app.kill();
            return startApp();
        }
        say("disruption " + which + " at " + published + " events: SIGKILL of the broker, then a restart");
        broker.restart();
        return supervised(app);
    }

    private ChildJvm startApp() {
        appRuns++;
        return apps.streams("streams-" + appRuns, appEnv, List.of());
    }

    /** The app again if it exited by itself (a supervisor restarts it too); the same one otherwise. */
    private ChildJvm supervised(ChildJvm app) {
        if (app.alive()) {
            return app;
        }
        unplannedExits++;
        say(app.name() + " exited by itself; starting it again, as a supervisor would (see " + app.log() + ")");
        return startApp();
    }

    private ChildJvm awaitIdle(Admin admin, ChildJvm app, Config config) throws Exception {
        long deadline = System.nanoTime() + IDLE_TIMEOUT.toNanos();
        IdleWatcher watcher = new IdleWatcher(admin, APPLICATION_ID,
                CallsignalTopology.build(config, new PipelineMetrics(new SimpleMeterRegistry())));
        while (System.nanoTime() < deadline) {
            app = supervised(app);
            try {
                if (watcher.caughtUp()) {
                    return app;
                }
            } catch (ExecutionException | TimeoutException e) {
                // The group or its internal topics are not there yet, or the broker is still recovering.
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("the streams app did not commit everything within " + IDLE_TIMEOUT
                + "; see " + app.log());
    }

    private static void readOutputs(Config config, Topics topics, UnitLedger ledger) {
        TopicSnapshot.read(config, topics.conversationsValid.name(), message -> {
            ledger.valid(topics.conversationsValid.valueSerde().deserializer().deserialize(message.topic(),
                    message.value()).getSource());
            return true;
        });
        TopicSnapshot.read(config, topics.signalsValid.name(), message -> {
            ledger.valid(topics.signalsValid.valueSerde().deserializer().deserialize(message.topic(),
                    message.value()).getSource());
            return true;
        });
        TopicSnapshot.read(config, topics.dealsValid.name(), message -> {
            ledger.valid(topics.dealsValid.valueSerde().deserializer().deserialize(message.topic(),
                    message.value()).getSource());
            return true;
        });
        TopicSnapshot.read(config, topics.quarantine.name(), message -> {
            ledger.quarantined(topics.quarantine.valueSerde().deserializer().deserialize(message.topic(),
                    message.value()));
            return true;
        });
    }

    private static void say(String what) {
        System.out.println(Instant.now() + " chaos: " + what);
    }
}
