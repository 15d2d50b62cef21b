package io.callsignal.command;

import io.callsignal.config.CommonSettings;
import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether any bootstrap address takes a TCP connection, checked before a command talks to Kafka:
 * Kafka's clients retry an absent broker or a mistyped address for minutes, logging as they go,
 * and end in a stack trace; this says in one line, within KAFKA_CONNECT_TIMEOUT, which addresses
 * could not be reached, why, and what to do. Kafka's own protocol (TLS, SASL) is left to the clients.
 */
public final class KafkaReachability {

    private static final Duration ATTEMPT = Duration.ofSeconds(2);
    private static final Duration BACKOFF = Duration.ofMillis(500);

    private KafkaReachability() {
    }

    /** Returns once an address connects; throws {@link KafkaUnreachableException} when none does in time. */
    public static void require(Config config) {
        String servers = config.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS);
        Duration timeout = config.get(CommonSettings.KAFKA_CONNECT_TIMEOUT);
        List<String> addresses = Arrays.stream(servers.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> failures = new LinkedHashMap<>();
        while (true) {
            for (String address : addresses) {
                String failure = connect(address, deadline);
                if (failure == null) {
                    return;
                }
                failures.put(address, failure);
            }
            if (System.nanoTime() + BACKOFF.toNanos() >= deadline) {
                break;
            }
            try {
                Thread.sleep(BACKOFF.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new KafkaUnreachableException("cannot reach Kafka at " + failures.entrySet().stream()
                .map(f -> f.getKey() + " (" + f.getValue() + ")").collect(Collectors.joining(", "))
                + " within " + timeout.toSeconds() + "s. Start a local broker with `bin/callsignal kafka start`,"
                + " or point KAFKA_BOOTSTRAP_SERVERS at yours");
    }

    /** Null when the address takes a connection, else why not. */
    private static String connect(String address, long deadline) {
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new ConfigException("KAFKA_BOOTSTRAP_SERVERS: '" + address + "' is not host:port");
        }
        String host = address.substring(0, Math.max(colon, 0)).replace("[", "").replace("]", "");
        long remainingMs = Math.max(1, Math.min(ATTEMPT.toMillis(), (deadline - System.nanoTime()) / 1_000_000));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) remainingMs);
            return null;
        } catch (UnknownHostException e) {
            return "unknown host";
        } catch (ConnectException e) {
            return "connection refused";
        } catch (SocketTimeoutException e) {
            return "no answer";
        } catch (IOException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
