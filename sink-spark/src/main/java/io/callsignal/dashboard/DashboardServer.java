package io.callsignal.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.callsignal.governance.PolicyAuthenticator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;
import javax.security.sasl.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard on {@code serve}'s DASHBOARD_PORT: a login with the policy's users (the same check
 * as the SQL endpoint's), then a page whose charts fetch the panels as JSON, each run as that user.
 * Pages, scripts and Apache ECharts come from the jar: nothing is fetched from elsewhere at run time,
 * and the page's Content-Security-Policy allows nothing else.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FORM_BYTES = 4096;
    private static final Map<String, String> STATIC = Map.of(
            "/static/dashboard.js", "text/javascript; charset=utf-8",
            "/static/dashboard.css", "text/css; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Sessions sessions = new Sessions();
    private final DashboardPanels panels;
    private final boolean tls;
    private final String echartsPath;

    private DashboardServer(HttpServer server, ExecutorService executor, DashboardPanels panels, boolean tls) {
        this.server = server;
        this.executor = executor;
        this.panels = panels;
        this.tls = tls;
        this.echartsPath = "/META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js";
    }

    /** Serves on {@code port}, over TLS with {@code tls}'s key where given (empty: plain HTTP). */
    public static DashboardServer start(int port, Optional<SSLContext> tls, DashboardPanels panels) throws IOException {
        InetSocketAddress address = new InetSocketAddress(port);
        HttpServer server;
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        // Panels are Spark queries of a second or more: a few at once, the rest wait their turn.
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "dashboard-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        DashboardServer dashboard = new DashboardServer(server, executor, panels, tls.isPresent());
        server.createContext("/", dashboard::handle);
        server.start();
        return dashboard;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Optional<String> user = sessions.user(cookie(exchange));
            if (method.equals("POST") && path.equals("/login")) {
                login(exchange);
            } else if (method.equals("POST") && path.equals("/logout")) {
                sessions.end(cookie(exchange));
                exchange.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=; Max-Age=0; Path=/; HttpOnly;"
                        + " SameSite=Strict" + (tls ? "; Secure" : ""));
                redirect(exchange, "/login");
            } else if (!method.equals("GET")) {
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            } else if (path.equals("/login")) {
                resource(exchange, "/dashboard/login.html", "text/html; charset=utf-8");
            } else if (STATIC.containsKey(path)) {
                resource(exchange, "/dashboard" + path, STATIC.get(path));
            } else if (path.equals("/static/echarts.min.js")) {
                resource(exchange, echartsPath, "text/javascript; charset=utf-8");
            } else if (user.isEmpty()) {
                if (path.startsWith("/api/")) {
                    send(exchange, 401, "application/json", "{\"error\":\"sign in first\"}");
                } else {
                    redirect(exchange, "/login");
                }
            } else if (path.equals("/")) {
                resource(exchange, "/dashboard/index.html", "text/html; charset=utf-8");
            } else if (path.equals("/api/me")) {
                sendJson(exchange, JSON.createObjectNode().put("user", user.get()));
            } else if (path.equals("/api/rep-trend")) {
                panel(exchange, user.get(), DashboardPanels::repTrend);
            } else if (path.equals("/api/deal-risk")) {
                panel(exchange, user.get(), DashboardPanels::dealRisk);
            } else if (path.equals("/api/pipeline-health")) {
                panel(exchange, user.get(), DashboardPanels::pipelineHealth);
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            }
        } catch (RuntimeException e) {
            LOG.error("dashboard request {} failed", exchange.getRequestURI().getPath(), e);
            send(exchange, 500, "application/json", "{\"error\":\"the query failed; the server's log says why\"}");
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
        Map<String, String> form = body.length > MAX_FORM_BYTES ? Map.of() : form(new String(body, StandardCharsets.UTF_8));
        String user = form.get("user");
        try {
            new PolicyAuthenticator().Authenticate(user, form.get("password"));
        } catch (AuthenticationException e) {
            LOG.warn("dashboard login refused for {}", user == null ? "a request without a user" : "'" + user + "'");
            redirect(exchange, "/login?failed");
            return;
        }
        exchange.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=" + sessions.begin(user) + "; Path=/;"
                + " HttpOnly; SameSite=Strict; Max-Age=" + Sessions.LIFETIME.toSeconds() + (tls ? "; Secure" : ""));
        LOG.info("dashboard login: {}", user);
        redirect(exchange, "/");
    }

    private void panel(HttpExchange exchange, String user, BiFunction<DashboardPanels, String, DashboardPanels.Panel> panel)
            throws IOException {
        DashboardPanels.Panel result = panel.apply(panels, user);
        ObjectNode body = JSON.createObjectNode();
        if (result.denied() != null) {
            body.put("denied", result.denied());
        } else {
            var rows = body.putArray("rows");
            for (String row : result.rows()) {
                rows.add(JSON.readTree(row));
            }
            if (result.sinkLag() != null) {
                body.set("sink_lag", JSON.valueToTree(result.sinkLag()));
            }
        }
        sendJson(exchange, body);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String cookie(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String[] pair = part.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equals(Sessions.COOKIE)) {
                    return pair[1];
                }
            }
        }
        return null;
    }

    private static void resource(HttpExchange exchange, String path, String contentType) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing dashboard resource " + path);
            }
            send(exchange, 200, contentType, in.readAllBytes());
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void sendJson(HttpExchange exchange, Object body) throws IOException {
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The version of the ECharts WebJar on the classpath, which names the folder its files are in. */
    private static String echartsVersion() {
        try (InputStream in = DashboardServer.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
