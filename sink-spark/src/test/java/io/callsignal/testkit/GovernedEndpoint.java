package io.callsignal.testkit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.catalog.LakeSession;
import io.callsignal.config.Config;
import io.callsignal.gold.GoldRefresh;
import io.callsignal.governance.Governance;
import io.callsignal.sink.SinkCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small governed lake served by {@code serve} in a process of its own, over TLS, as deployed, shared
 * by the test classes of a run (landing the lake and starting serve take a minute or two): the
 * demo's policy, alice the rep on c1 and c2, carol on c3 and in manager1's (mona's) team; each call
 * has an overall_score in scoring_version v1, c1 and c3 one in v2 too; c1 (deal D1) and c3 (D2) raise a
 * risk flag each; gold is refreshed, with a prediction for each deal.
 */
public final class GovernedEndpoint implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    public static final String KEYSTORE_PASSWORD = "test-only-keystore-password";
    private static final Path DIR = Path.of("target", "governed-endpoint").toAbsolutePath();
    private static GovernedEndpoint shared;

    private final LakeCatalog lake;
    private final String config;
    private final Path keystore;
    private final int sqlPort;
    private final int http;
    private final int dashboardPort;
    private SinkJar.Running serve;

    private GovernedEndpoint(LakeCatalog lake, String config, Path keystore, int sqlPort, int http,
            int dashboardPort) {
        this.lake = lake;
        this.config = config;
        this.keystore = keystore;
        this.sqlPort = sqlPort;
        this.http = http;
        this.dashboardPort = dashboardPort;
    }

    /**
     * The run's endpoint, served: started on first use, closed when the run ends. A test may stop
     * it (GovernanceIT checks a graceful stop); the next to ask gets it served again, on the same lake.
     */
    public static synchronized GovernedEndpoint shared(ExtensionContext context) throws Exception {
        if (shared == null) {
            FileUtils.deleteDirectory(DIR.toFile());
            Files.createDirectories(DIR);
            shared = start(DIR);
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(GovernedEndpoint.class, shared);
        } else if (!shared.serve.alive()) {
            shared.startServe();
        }
        return shared;
    }

    private static GovernedEndpoint start(Path dir) throws Exception {
        int sqlPort = BrokerProcess.freePort();
        int http = BrokerProcess.freePort();
        int dashboardPort = BrokerProcess.freePort();
        Properties settings = new Properties();
        settings.setProperty("lake.root", dir.resolve("lake").toString());
        settings.setProperty("sql.endpoint.port", String.valueOf(sqlPort));
        settings.setProperty("sql.endpoint.http.port", String.valueOf(http));
        settings.setProperty("dashboard.port", String.valueOf(dashboardPort));
        // TLS only: a self-signed certificate for 127.0.0.1, which the clients trust.
        Path keystore = dir.resolve("endpoint.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "endpoint", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD).redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        settings.setProperty("sql.endpoint.keystore", keystore.toString());
        settings.setProperty("sql.endpoint.keystore.password", KEYSTORE_PASSWORD);
        Path file = dir.resolve("lake.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            settings.store(out, null);
        }
        String config = file.toString();
        LakeCatalog lake = land(Config.load(Optional.of(file)).validated());
        execute(config, "policy", "demo", "--rep-email", "alice@acme.com", "--manager-email", "mona@acme.com");
        execute(config, "sql", "INSERT INTO system.team_members VALUES ('mona@acme.com', 'carol@acme.com')");
        GovernedEndpoint endpoint = new GovernedEndpoint(lake, config, keystore, sqlPort, http, dashboardPort);
        endpoint.startServe();
        return endpoint;
    }

    /** Starts serve in a process of its own, as deployed (it holds the lake's metastore), until it is ready. */
    private void startServe() throws Exception {
        SinkJar.Running started = SinkJar.start(DIR.resolve("serve-" + System.nanoTime() + ".log"), "serve",
                "--config", config);
        serve = started;
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/readyz")).build();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!started.alive()) {
                throw new AssertionError("serve exited:\n" + started.output());
            }
            try {
                return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private static LakeCatalog land(Config config) {
        LakeCatalog lake = LakeCatalog.open(LakeSession.open(config), config);
        SparkSession spark = lake.spark();
        spark.sql("""
                INSERT INTO silver.conversations (call_id, source_platform, call_timestamp, participants, deal_id,
                    transcript_text)
                VALUES ('c1', 'gong', TIMESTAMP'2026-02-10 10:00:00', array(
                        named_struct('name', 'Alice', 'email', 'alice@acme.com', 'role', 'rep'),
                        named_struct('name', 'Bob', 'email', 'bob@prospect.com', 'role', 'prospect')), 'D1',
                        'Alice: hello'),
                    ('c2', 'zoom', TIMESTAMP'2026-02-20 10:00:00', array(
                        named_struct('name', 'Alice', 'email', 'alice@acme.com', 'role', 'rep')), 'D1', NULL),
                    ('c3', 'canonical', TIMESTAMP'2026-03-05 15:00:00', array(
                        named_struct('name', 'Carol', 'email', 'carol@acme.com', 'role', 'internal')), 'D2',
                        'Carol: hi')""");
        spark.sql("""
                INSERT INTO silver.conversation_signals (signal_id, call_id, signal_name, signal_value, signal_type,
                    confidence, scoring_version, evaluated_at)
                VALUES ('s1', 'c1', 'overall_score', '75', 'score', 0.9, 'v1', TIMESTAMP'2026-03-01 09:00:00'),
                    ('s2', 'c1', 'overall_score', '70', 'score', 0.9, 'v2', TIMESTAMP'2026-03-02 09:00:00'),
                    ('s3', 'c2', 'overall_score', '80', 'score', 0.7, 'v1', TIMESTAMP'2026-03-01 09:00:00'),
                    ('s4', 'c1', 'pricing_objection', 'true', 'boolean', 0.8, 'v1', TIMESTAMP'2026-03-01 09:00:00'),
                    ('s5', 'c3', 'overall_score', '90', 'score', 1.0, 'v1', TIMESTAMP'2026-03-01 09:00:00'),
                    ('s6', 'c3', 'overall_score', '85', 'score', 1.0, 'v2', TIMESTAMP'2026-03-06 09:00:00'),
                    ('s7', 'c3', 'competitor_mentioned', 'true', 'boolean', 0.9, 'v1', TIMESTAMP'2026-03-01 09:00:00')""");
        spark.sql("INSERT INTO silver.quarantine (entity, reason, source_topic, payload, quarantined_at) VALUES"
                + " ('signal', 'INVALID_SIGNAL_TYPE', 'signals.raw', '{}', current_timestamp())");
        spark.sql("INSERT INTO bronze.conversations_raw (raw_payload, source_file, ingested_at) VALUES"
                + " ('{}', 'kafka://x/0/0', current_timestamp()), ('{}', 'kafka://x/0/1', current_timestamp())");
        GoldRefresh.refresh(lake, config);
        spark.sql("INSERT INTO gold.deal_predictions (deal_id, win_probability, model_version) VALUES ('D1', 0.42, 1),"
                + " ('D2', 0.77, 1)");
        return lake;
    }

    /** Runs a command of the sink's CLI in this JVM; it must succeed. */
    public static void execute(String config, String... args) {
        StringWriter err = new StringWriter();
        String[] withConfig = Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config;
        int exit = SinkCli.commandLine().setErr(new PrintWriter(err)).execute(withConfig);
        assertEquals(0, exit, err.toString());
    }

    public LakeCatalog lake() {
        return lake;
    }

    public String config() {
        return config;
    }

    public SinkJar.Running serve() {
        return serve;
    }

    public Path keystore() {
        return keystore;
    }

    public int sqlPort() {
        return sqlPort;
    }

    public int dashboardPort() {
        return dashboardPort;
    }

    @Override
    public synchronized void close() {
        serve.close();
        Governance.stop();
    }
}
