package io.callsignal.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * An S3-compatible server (Adobe S3Mock) as a child process with one bucket, its objects in a
 * directory of the test. A process of its own: it brings Spring and a Jackson that Spark's JVM must
 * not see.
 */
public final class S3Server implements AutoCloseable {

    private static final Path JAR = Path.of("target", "s3-server", "s3mock.jar").toAbsolutePath();
    private static final Duration READY = Duration.ofMinutes(1);

    private final Process process;
    private final int port;

    private S3Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static S3Server start(Path dir, String bucket) throws IOException {
        int port = BrokerProcess.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", JAR.toString(),
                "--http.port=" + port, "--server.port=" + BrokerProcess.freePort(),
                "--com.adobe.testing.s3mock.store.initial-buckets=" + bucket,
                "--com.adobe.testing.s3mock.store.root=" + dir.resolve("objects"),
                "--spring.main.banner-mode=off"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3-server.log").toFile()).start();
        S3Server server = new S3Server(process, port);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest buckets = HttpRequest.newBuilder(URI.create(server.endpoint() + "/")).build();
        try {
            Awaitility.await("the S3 server answers").atMost(READY).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().failFast("the S3 server exited", () -> !process.isAlive())
                    .until(() -> http.send(buckets, HttpResponse.BodyHandlers.ofString()).body()
                            .contains("<Name>" + bucket + "</Name>"));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }
}
