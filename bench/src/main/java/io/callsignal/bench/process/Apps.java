package io.callsignal.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * The programs a benchmark run starts, each in its own JVM, from the jars the build made:
 * the streams app and the sink as users run them, the pass-through app on the streams app's
 * classpath, and the benchmark's Spark side on the sink's.
 */
public final class Apps {

    /** Heap of either streams JVM, the same for both so that their memory compares. */
    public static final List<String> STREAMS_JVM = List.of("-Xmx1g");
    /** The launcher's default for the sink. */
    public static final List<String> SINK_JVM = List.of("-Xmx2g");
    /** The Spark side builds silver tables of up to 10M rows in process. */
    private static final List<String> LAKE_BENCH_JVM = List.of("-Xmx4g");

    private final Path streamsJar;
    private final Path sinkJar;
    private final Path benchJar;
    private final Path logDir;

    public Apps(Path root, Path logDir) {
        this.streamsJar = existing(root.resolve("streams-app/target/callsignal-streams-app.jar"));
        this.sinkJar = existing(root.resolve("sink-spark/target/callsignal-sink-spark.jar"));
        this.benchJar = existing(root.resolve("bench/target/callsignal-bench.jar"));
        this.logDir = logDir;
    }

    /** {@code streams} as the launcher runs it: until SIGTERM. */
    public ChildJvm streams(String name, Map<String, String> env, List<String> extraJvmOptions) {
        List<String> jvm = new ArrayList<>(STREAMS_JVM);
        jvm.addAll(extraJvmOptions);
        return ChildJvm.start(name, jvm, List.of("-jar", streamsJar.toString(), "streams"), env, logDir);
    }

    /** {@code streams --until-idle ARGS}: processes what there is, commits, leaves the group and exits. */
    public ChildJvm streamsUntilIdle(String name, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("-jar", streamsJar.toString(), "streams", "--until-idle"));
        command.addAll(List.of(args));
        return ChildJvm.start(name, STREAMS_JVM, command, env, logDir);
    }

    public ChildJvm passThrough(String name, Map<String, String> env) {
        return ChildJvm.start(name, STREAMS_JVM, List.of("-cp", benchJar + ":" + streamsJar,
                "io.callsignal.bench.streams.PassThroughApp"), env, logDir);
    }

    /** {@code sink} as the launcher runs it: lands what is available, refreshes gold, exits. */
    public ChildJvm sink(String name, Map<String, String> env) {
        return ChildJvm.start(name, SINK_JVM, List.of("-jar", sinkJar.toString(), "sink"), env, logDir);
    }

    public ChildJvm lakeBench(List<String> args, Map<String, String> env) {
        List<String> jvm = new ArrayList<>(LAKE_BENCH_JVM);
        jvm.addAll(sinkOpens());
        List<String> command = new ArrayList<>(List.of("-cp", benchJar + ":" + sinkJar,
                "io.callsignal.bench.lake.LakeBench"));
        command.addAll(args);
        return ChildJvm.start("lake-bench", jvm, command, env, logDir);
    }

    /** What `java -jar` opens for Spark from the sink jar's manifest, as options for a `-cp` launch. */
    private List<String> sinkOpens() {
        try (JarFile jar = new JarFile(sinkJar.toFile())) {
            String opens = jar.getManifest().getMainAttributes().getValue("Add-Opens");
            return Arrays.stream(opens.trim().split("\\s+")).map(module -> "--add-opens=" + module + "=ALL-UNNAMED")
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + sinkJar, e);
        }
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (bin/callsignal build)");
        }
        return jar;
    }
}
