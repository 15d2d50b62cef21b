package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Turns one producer's payload shape into canonical events. One class per format, registered in {@link Adapters}. */
public interface Adapter<T> {

    /** The {@code source_platform} header value that selects this adapter; null for a canonical format. */
    String platform();

    /** Whether the payload has this format's shape. */
    boolean matches(JsonNode root);

    /** Every unit of the payload, each an event or a failure. A RejectedException rejects the whole record. */
    List<Extracted<T>> extract(JsonNode root, Extraction extraction);
}
