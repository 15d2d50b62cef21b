package io.callsignal.command;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Exit 0 when the app on this host answers 200 on /healthz (or --probe), else 1: a container"
                + " health check for images without curl.")
public final class HealthCommand implements Callable<Integer> {

    @Option(names = "--port", required = true, description = "The app's ops port (HTTP_PORT, SINK_HTTP_PORT).")
    int port;

    @Option(names = "--probe", defaultValue = "healthz", description = "healthz or readyz (default: ${DEFAULT-VALUE}).")
    String probe;

    @Override
    public Integer call() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + probe))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            int status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            System.out.println(probe + ": " + status);
            return status == 200 ? 0 : 1;
        } catch (IOException e) {
            System.out.println(probe + ": no answer on port " + port + " (" + e.getMessage() + ")");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
