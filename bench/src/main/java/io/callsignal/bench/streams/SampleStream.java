package io.callsignal.bench.streams;

import io.callsignal.sample.SampleGenerator.Destination;
import io.callsignal.sample.SampleGenerator.Sample;
import io.callsignal.sample.SampleGenerator.SampleRecord;
import io.callsignal.sample.SampleGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * An endless supply of realistic raw records: samples of the generator, one seed after another, so
 * that no two chunks share a call and repeats happen only where the generator makes them.
 */
final class SampleStream {

    private static final int CALLS_PER_CHUNK = 1_000;

    private final long maxPayloadBytes;
    private long seed;

    SampleStream(long seed, long maxPayloadBytes) {
        this.seed = seed;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Events (calls and signals) a raw record carries, on average, in this generator's traffic. */
    double eventsPerRecord() {
        Sample sample = SampleGenerator.generate(CALLS_PER_CHUNK, 0, maxPayloadBytes);
        long records = sample.records().stream().filter(r -> r.destination() != Destination.SIGNALS_VALID).count();
        return (sample.truth().get("streams.conversation.input") + sample.truth().get("streams.signal.input"))
                / (double) records;
    }

    Sample next() {
        return SampleGenerator.generate(CALLS_PER_CHUNK, seed++, maxPayloadBytes);
    }

    /** The next {@code count} records for the raw topics of these destinations, in publishing order. */
    List<SampleRecord> take(int count, List<Destination> destinations) {
        List<SampleRecord> records = new ArrayList<>(count);
        while (records.size() < count) {
            for (SampleRecord record : next().records()) {
                if (records.size() < count && destinations.contains(record.destination())) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}
