package io.callsignal.stream;

import io.callsignal.ops.OpsServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import org.apache.spark.sql.SparkSession;

/** {@code /healthz}, {@code /readyz} and {@code /metrics} of a continuous sink, fed by a {@link SinkMonitor}. */
public final class SinkOps implements AutoCloseable {

    private final SparkSession spark;
    private final SinkMonitor monitor;
    private final OpsServer server;

    private SinkOps(SparkSession spark, SinkMonitor monitor, OpsServer server) {
        this.spark = spark;
        this.monitor = monitor;
        this.server = server;
    }

    /** Listens to the session's flows; call before they start. */
    public static SinkOps start(SparkSession spark, int port) throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        SinkMonitor monitor = new SinkMonitor(registry);
        spark.streams().addListener(monitor);
        return new SinkOps(spark, monitor, OpsServer.start(port, monitor::healthy, monitor::ready, registry::scrape));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        spark.streams().removeListener(monitor);
        server.close();
    }
}
