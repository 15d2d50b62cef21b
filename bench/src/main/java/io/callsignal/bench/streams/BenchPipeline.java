package io.callsignal.bench.streams;

import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.StreamsSettings;
import io.callsignal.sample.SampleGenerator.Destination;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topics, application id and state directory of one benchmark phase, so that phases never see
 * each other's records: {@code PREFIX.signals.raw}, {@code PREFIX.signals.valid}, ... (a later
 * round reads the raw topics of the first, {@code RAW_PREFIX}). The same settings reach the apps
 * the phase starts (as environment variables) and the benchmark itself.
 */
public record BenchPipeline(String rawPrefix, String prefix, Path stateDir, Map<String, String> baseEnv) {

    public BenchPipeline(String prefix, Path stateDir, Map<String, String> baseEnv) {
        this(prefix, prefix, stateDir, baseEnv);
    }

    /**
     * Another run from scratch over the same raw topics: its own application id, state and output
     * topics, so that what a later phase reads from the outputs is one run's. Round 1 is this one.
     */
    public BenchPipeline round(int round) {
        return round == 1 ? this : new BenchPipeline(rawPrefix, prefix + "-r" + round,
                stateDir.resolveSibling(prefix + "-r" + round + "-state"), baseEnv);
    }

    public String conversationsRaw() {
        return rawPrefix + ".conversations.raw";
    }

    public String signalsRaw() {
        return rawPrefix + ".signals.raw";
    }

    public String dealsRaw() {
        return rawPrefix + ".deals.raw";
    }

    public String conversationsValid() {
        return prefix + ".conversations.valid";
    }

    public String signalsValid() {
        return prefix + ".signals.valid";
    }

    public String dealsValid() {
        return prefix + ".deals.valid";
    }

    public String applicationId() {
        return prefix;
    }

    public List<String> rawTopics() {
        return List.of(conversationsRaw(), signalsRaw(), dealsRaw());
    }

    /** Every topic the phase's apps read or write, pass-through outputs included. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>(rawTopics());
        topics.addAll(List.of(conversationsValid(), signalsValid(), dealsValid(), prefix + ".quarantine",
                prefix + ".quarantine.redrives"));
        rawTopics().forEach(raw -> topics.add(PassThroughApp.output(raw)));
        return topics;
    }

    /** Where sample records of each destination go in this phase. */
    public Map<Destination, String> destinations() {
        return Map.of(Destination.CONVERSATIONS_RAW, conversationsRaw(), Destination.SIGNALS_RAW, signalsRaw(),
                Destination.DEALS_RAW, dealsRaw(), Destination.SIGNALS_VALID, signalsValid());
    }

    /** The environment of an app in this phase: the base, then the phase's names, then {@code extra}. */
    public Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put(CommonSettings.TOPIC_CONVERSATIONS_RAW.env(), conversationsRaw());
        env.put(CommonSettings.TOPIC_SIGNALS_RAW.env(), signalsRaw());
        env.put(CommonSettings.TOPIC_CONVERSATIONS_VALID.env(), conversationsValid());
        env.put(CommonSettings.TOPIC_SIGNALS_VALID.env(), signalsValid());
        env.put(CommonSettings.TOPIC_DEALS_RAW.env(), dealsRaw());
        env.put(CommonSettings.TOPIC_DEALS_VALID.env(), dealsValid());
        env.put(CommonSettings.TOPIC_QUARANTINE.env(), prefix + ".quarantine");
        env.put(StreamsSettings.TOPIC_REDRIVES.env(), prefix + ".quarantine.redrives");
        env.put(StreamsSettings.APPLICATION_ID.env(), applicationId());
        env.put(StreamsSettings.STATE_DIR.env(), stateDir.toString());
        env.put(StreamsSettings.HTTP_PORT.env(), "0");
        env.putAll(extra);
        return env;
    }

    public Config config(Map<String, String> extra) {
        return Config.of(env(extra), Optional.empty());
    }
}
