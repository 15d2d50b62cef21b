package io.callsignal.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A Spark standalone cluster of one Master and one Worker, each a child process started from the
 * jars the sink ships with (target/lib and its own jar, which make up the SPARK_HOME the Worker
 * launches executors from). Executors run in JVMs of their own, as on a real cluster.
 */
public final class SparkStandalone implements AutoCloseable {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Duration READY = Duration.ofMinutes(2);

    private final Path home;
    private final int port;
    private final List<Process> processes = new ArrayList<>();

    private SparkStandalone(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /**
     * Starts a cluster with a SPARK_HOME made afresh under {@code dir}: not a JUnit temp dir, since
     * its jars are links to target/lib.
     */
    public static SparkStandalone start(Path dir) throws IOException {
        Path home = dir.toAbsolutePath().resolve("spark-home");
        if (Files.exists(home)) {
            try (Stream<Path> old = Files.walk(home)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Path jars = Files.createDirectories(home.resolve("jars"));
        try (Stream<Path> lib = Files.list(TARGET.resolve("lib"))) {
            for (Path jar : Stream.concat(lib, Stream.of(TARGET.resolve("callsignal-sink-spark.jar"))).toList()) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        SparkStandalone cluster = new SparkStandalone(home, BrokerProcess.freePort());
        int masterUi = BrokerProcess.freePort();
        try {
            cluster.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(cluster.port), "--webui-port", String.valueOf(masterUi));
            cluster.launch("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2",
                    "--memory", "2g", "--webui-port", String.valueOf(BrokerProcess.freePort()),
                    "--work-dir", cluster.workDir().toString(), cluster.masterUrl());
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest state = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/")).build();
            Awaitility.await("a worker registered with the master").atMost(READY).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .failFast("a cluster process exited", () -> cluster.processes.stream().anyMatch(p -> !p.isAlive()))
                    .until(() -> http.send(state, HttpResponse.BodyHandlers.ofString()).body()
                            .matches("(?s).*\"aliveworkers\"\\s*:\\s*1\\b.*"));
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** Where the Worker keeps a directory per application and executor, with the executor's output. */
    public Path workDir() {
        return home.resolve("work");
    }

    /** How a submitted application ended: its exit code, what it printed, and where its log is. */
    public record Submitted(int exitCode, String output, Path log) {
    }

    /**
     * The sink's jar submitted to this cluster as Spark's spark-submit script submits an application
     * (its SparkSubmit class on SPARK_HOME's jars), in client mode: the driver runs in that JVM, with
     * {@code environment} for the sink's settings.
     */
    public Submitted submit(Map<String, String> environment, Duration timeout, String... applicationArgs)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "client",
                "--class", "io.callsignal.sink.SinkCli", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.executor.memory=1g",
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", moduleOptions()),
                TARGET.resolve("callsignal-sink-spark.jar").toString()));
        args.addAll(List.of(applicationArgs));
        Path output = home.resolve("submit.out");
        Process submit = start("submit", "1g", "org.apache.spark.deploy.SparkSubmit", environment, args,
                ProcessBuilder.Redirect.to(output.toFile()));
        if (!submit.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            submit.destroyForcibly();
            throw new AssertionError("spark-submit did not finish within " + timeout + ": see " + log("submit"));
        }
        return new Submitted(submit.exitValue(), Files.readString(output), log("submit"));
    }

    private Path log(String name) {
        return home.resolve(name + ".log");
    }

    private void launch(String name, String mainClass, String... args) throws IOException {
        processes.add(start(name, "512m", mainClass, Map.of(), List.of(args),
                ProcessBuilder.Redirect.appendTo(log(name).toFile())));
    }

    /** A JVM on SPARK_HOME's jars, its log (stderr, and stdout where {@code stdout} sends it there) under SPARK_HOME. */
    private Process start(String name, String heap, String mainClass, Map<String, String> environment,
            List<String> args, ProcessBuilder.Redirect stdout) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
        command.addAll(moduleOptions());
        command.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log(name).toFile())).redirectOutput(stdout);
        builder.environment().remove("CALLSIGNAL_CONFIG");
        builder.environment().putAll(environment);
        builder.environment().putAll(Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.12",
                "SPARK_LOCAL_IP", "127.0.0.1"));
        return builder.start();
    }

    /** The --add-opens this JVM runs with, which Spark on Java 17 needs in each of its JVMs. */
    public static List<String> moduleOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--add-opens") || argument.startsWith("--add-exports"))
                .toList();
    }

    @Override
    public void close() {
        // The Worker first: it stops the executors it launched.
        for (int i = processes.size() - 1; i >= 0; i--) {
            ChildProcesses.stop(processes.get(i));
        }
    }
}
