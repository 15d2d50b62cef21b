package io.callsignal.command;

/** No Kafka broker could be reached at any bootstrap address: said in one line, never as a stack trace. */
public final class KafkaUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaUnreachableException(String message) {
        super(message);
    }
}
