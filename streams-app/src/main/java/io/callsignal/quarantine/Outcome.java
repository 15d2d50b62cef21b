package io.callsignal.quarantine;


/** What a processing step made of a record: a valid event to pass on, or a record for the quarantine. */
public sealed interface Outcome<T> {

    record Valid<T>(T event) implements Outcome<T> {
    }

    record Quarantined<T>(QuarantineRecord record) implements Outcome<T> {
    }
}
