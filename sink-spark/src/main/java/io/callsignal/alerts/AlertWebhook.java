package io.callsignal.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alert change as JSON to ALERT_WEBHOOK_URL, after the alerts topic has it: a few tries,
 * then a logged failure (the topic stays the record). The URL often holds a token: it is never logged.
 */
final class AlertWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
    private static final int ATTEMPTS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    AlertWebhook(URI url) {
        this.url = url;
    }

    void post(List<AlertEvent> changes) {
        for (AlertEvent change : changes) {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(change.toJson())).build();
            String outcome = "";
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status / 100 == 2) {
                        outcome = null;
                        break;
                    }
                    outcome = "HTTP " + status;
                    Thread.sleep(BACKOFF.toMillis() * attempt);
                } catch (IOException e) {
                    outcome = e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (outcome != null) {
                LOG.error("the alert webhook refused {} {} after {} attempts ({})", change.status(), change.alert(),
                        ATTEMPTS, outcome);
            }
        }
    }
}
