package io.callsignal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsignal.quarantine.RejectedException;
import io.callsignal.quarantine.Violation;
import io.callsignal.rejection.Reason;
import io.callsignal.schema.Conversation;
import io.callsignal.schema.Deal;
import io.callsignal.schema.Signal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The formats a raw topic accepts, most specific first. The {@code source_platform} header, when
 * present, narrows the choice to that platform's adapters (any other value: the canonical ones);
 * otherwise the payload's shape decides.
 */
public final class Adapters<T> {

    private final List<Adapter<T>> adapters;

    public Adapters(List<Adapter<T>> adapters) {
        this.adapters = List.copyOf(adapters);
    }

    public static Adapters<Conversation> conversations() {
        return new Adapters<>(List.of(
                new GongCallsAdapter(),
                new GongTranscriptsAdapter(),
                new ZoomRecordingCompletedAdapter(),
                new CanonicalConversationAdapter()));
    }

    public static Adapters<Signal> signals() {
        return new Adapters<>(List.of(
                new SignalBatchAdapter(),
                new CanonicalSignalAdapter()));
    }

    public static Adapters<Deal> deals() {
        return new Adapters<>(List.of(
                new SalesforceOpportunityAdapter(),
                new HubSpotDealWebhookAdapter(),
                new CanonicalDealAdapter()));
    }

    public Adapter<T> select(JsonNode root, String headerPlatform) {
        List<Adapter<T>> candidates = headerPlatform == null ? adapters : forPlatform(headerPlatform);
        for (Adapter<T> adapter : candidates) {
            if (adapter.matches(root)) {
                return adapter;
            }
        }
        if (!root.isObject()) {
            throw new RejectedException(Violation.of(Reason.UNRECOGNIZED_FORMAT,
                    "the value is a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT)
                            + " no known format of this topic takes, not an object"));
        }
        throw new RejectedException(Violation.of(Reason.UNRECOGNIZED_FORMAT,
                (headerPlatform == null ? "" : "source_platform header '" + headerPlatform + "'; ")
                        + "no known format has top-level fields " + topLevelFields(root)));
    }

    private List<Adapter<T>> forPlatform(String platform) {
        List<Adapter<T>> own = adapters.stream().filter(a -> platform.equals(a.platform())).toList();
        return own.isEmpty() ? adapters.stream().filter(a -> a.platform() == null).toList() : own;
    }

    private static List<String> topLevelFields(JsonNode root) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext() && names.size() < 10; ) {
            names.add(it.next());
        }
        return names;
    }
}
