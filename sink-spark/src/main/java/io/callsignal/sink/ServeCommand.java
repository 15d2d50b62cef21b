package io.callsignal.sink;

import io.callsignal.catalog.LakeCatalog;
import io.callsignal.config.Config;
import io.callsignal.config.ConfigException;
import io.callsignal.config.SinkSettings;
import io.callsignal.dashboard.DashboardPanels;
import io.callsignal.dashboard.DashboardServer;
import io.callsignal.governance.AuditLog;
import io.callsignal.governance.LakePolicy;
import io.callsignal.governance.LdapLogin;
import io.callsignal.governance.PolicyAuthenticator;
import io.callsignal.ops.OpsServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.hadoop.hive.ql.session.SessionState;
import org.apache.hive.service.Service;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the lake over SQL (HiveServer2 protocol: JDBC, ODBC, beeline, BI tools) on"
                + " SQL_ENDPOINT_PORT and its dashboard on DASHBOARD_PORT, to the users of its governance policy"
                + " only, until SIGTERM.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    LakeOptions lakeOptions;

    @Option(names = "--port", description = "The SQL port (default: SQL_ENDPOINT_PORT, which defaults to 10000).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException, IOException {
        Config config = lakeOptions.config();
        int sqlPort = port == null ? config.get(SinkSettings.SQL_ENDPOINT_PORT) : port;
        LakeCatalog lake = lakeOptions.openWithMetastore(config).orElseThrow(() -> new ConfigException(
                "another process has the lake's metastore open (under " + LakeCatalog.root(config) + "/_catalog);"
                        + " stop it, or share a Hive metastore service (METASTORE=thrift://...)"));
        Endpoint endpoint = Endpoint.start(lake, config, sqlPort);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        endpoint.audit().bindTo(registry);
        OpsServer ops = OpsServer.start(config.get(SinkSettings.SQL_ENDPOINT_HTTP_PORT), endpoint::running,
                endpoint::running, registry::scrape);
        Optional<SSLContext> tls = tls(config);
        if (tls.isEmpty()) {
            LOG.warn("the dashboard speaks plain HTTP (no SQL_ENDPOINT_KEYSTORE): serve it behind a TLS-terminating proxy");
        }
        DashboardServer dashboard = DashboardServer.start(config.get(SinkSettings.DASHBOARD_PORT), tls,
                new DashboardPanels(lake, config));
        CountDownLatch stopped = new CountDownLatch(1);
        // Before Spark stops its context: the last audit records are written with it.
        ShutdownHookManager.addShutdownHook(SinkCommand.BEFORE_SPARK_STOPS, new AbstractFunction0<BoxedUnit>() {
            @Override
            public BoxedUnit apply() {
                LOG.info("stopping the SQL endpoint");
                dashboard.close();
                endpoint.stop();
                ops.close();
                stopped.countDown();
                return BoxedUnit.UNIT;
            }
        });
        LOG.info("SQL endpoint on port {}, dashboard on {} (health and metrics on {}) serving {}", sqlPort,
                dashboard.port(), ops.port(), LakeCatalog.root(config));
        stopped.await();
        return 0;
    }

    /** The endpoint's key and certificate, which the dashboard serves HTTPS with too. */
    private static Optional<SSLContext> tls(Config config) {
        Optional<String> keystore = config.get(SinkSettings.SQL_ENDPOINT_KEYSTORE);
        if (keystore.isEmpty()) {
            return Optional.empty();
        }
        char[] password = config.get(SinkSettings.SQL_ENDPOINT_KEYSTORE_PASSWORD).orElseThrow(() -> new ConfigException(
                "SQL_ENDPOINT_KEYSTORE needs SQL_ENDPOINT_KEYSTORE_PASSWORD")).toCharArray();
        try {
            KeyStore store = KeyStore.getInstance(new File(keystore.get()), password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return Optional.of(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot read the keystore " + keystore.get() + ": " + e.getMessage());
        }
    }

    /** A running endpoint over a lake: Spark's Thrift server, logins against the policy, statements as their user. */
    record Endpoint(HiveThriftServer2 server, AuditLog audit) {

        static Endpoint start(LakeCatalog lake, Config config, int port) {
            AuditLog audit = LakePolicy.enforce(lake, config, "endpoint").orElseThrow(() -> new ConfigException(
                    "serve needs a governance policy (there is no anonymous access), and there is none at "
                            + LakePolicy.location(config) + " (docs/governance.md)"));
            Map<String, String> hive = new LinkedHashMap<>();
            hive.put("hive.server2.thrift.port", String.valueOf(port));
            hive.put("hive.server2.transport.mode", "binary");
            // Every interface, as in a pod; Hive's default is the address the host name resolves to.
            hive.put("hive.server2.thrift.bind.host", "0.0.0.0");
            hive.put("hive.server2.authentication", "CUSTOM");
            PolicyAuthenticator.useDirectory(directory(config));
            hive.put("hive.server2.custom.authentication.class", PolicyAuthenticator.class.getName());
            // Each session's statements run as its user (Hadoop's doAs), which governance reads; nobody
            // may name another user to run as.
            hive.put("hive.server2.enable.doAs", "true");
            hive.put("hive.server2.allow.user.substitution", "false");
            config.get(SinkSettings.SQL_ENDPOINT_KEYSTORE).ifPresentOrElse(keystore -> {
                hive.put("hive.server2.use.SSL", "true");
                hive.put("hive.server2.keystore.path", keystore);
                // Never in the session's settings, which SET reads: HiveServer2 takes it from the system property.
                System.setProperty("hive.server2.keystore.password", config.get(SinkSettings
                        .SQL_ENDPOINT_KEYSTORE_PASSWORD).orElseThrow(() -> new ConfigException(
                                "SQL_ENDPOINT_KEYSTORE needs SQL_ENDPOINT_KEYSTORE_PASSWORD")));
            }, () -> hive.put("hive.server2.use.SSL", "false"));
            // HiveServer2 takes its settings from the session's Hadoop configuration, which the session's
            // settings go into, and builds its login provider from a HiveConf of its own, which reads
            // system properties: both get them.
            hive.forEach((key, value) -> {
                lake.spark().conf().set(key, value);
                System.setProperty(key, value);
            });
            // The server's Hive client would reuse this thread's Hive session, made with the metastore's
            // settings before these; without it, the server makes one with them.
            SessionState.detachSession();
            return new Endpoint(HiveThriftServer2.startWithContext(lake.spark().sqlContext()), audit);
        }

        /** The directory that checks passwords, or null where the policy's hashes do. */
        private static LdapLogin directory(Config config) {
            return config.get(SinkSettings.SQL_ENDPOINT_LDAP_URL).map(url -> new LdapLogin(url,
                    config.get(SinkSettings.SQL_ENDPOINT_LDAP_USER_DN).orElseThrow(() -> new ConfigException(
                            "SQL_ENDPOINT_LDAP_URL needs SQL_ENDPOINT_LDAP_USER_DN")))).orElse(null);
        }

        boolean running() {
            return server.getServiceState() == Service.STATE.STARTED;
        }

        void stop() {
            server.stop();
            audit.close();
        }
    }
}
