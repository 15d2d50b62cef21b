package io.callsignal.ingest;

import io.callsignal.quarantine.Violation;

/** What one unit of a payload (the whole record, or one element of a batch) became. */
public sealed interface Extracted<T> {

    /** A typed event, its lineage already set. */
    record Event<T>(T event) implements Extracted<T> {
    }

    /** A unit that broke an expectation; {@code index} is its position in a batch, null for a whole record. */
    record Failure<T>(Violation violation, Integer index) implements Extracted<T> {
    }
}
