package io.callsignal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.callsignal.cli.StreamsAppCli;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and deploy/k8s/ cannot be run here (no Docker engine, no cluster); this checks
 * them as far as that allows: each kustomize overlay renders, every object it makes matches
 * Kubernetes' API types (fabric8's models, generated from Kubernetes' OpenAPI schema), and every
 * image, command, option and variable they give the apps is one the apps have.
 */
class DeployFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OVERLAYS = List.of("local", "s3", "batch", "spark-operator");
    /** The Kafka client's settings: the operator creates this Secret from their secret store (overlays/local makes one). */
    private static final String OPERATOR_SECRET = "callsignal-kafka-client";
    /** Read by the JVM itself, not by callsignal's configuration. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    @Test
    void composeGivesEachAppAnImageACommandAndSettingsItHas() throws IOException {
        JsonNode services = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).path("services");
        for (String name : List.of("kafka", "topics", "streams-app", "sink")) {
            assertTrue(services.has(name), "service " + name);
        }
        Set<String> documented = documentedVariables();
        int apps = 0;
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            JsonNode spec = service.getValue();
            String app = app(spec.path("image").asText());
            if (app == null || spec.has("entrypoint")) {
                continue;
            }
            apps++;
            checkCommand(app, strings(spec.path("command")), "service " + service.getKey());
            spec.path("environment").fieldNames().forEachRemaining(variable -> assertTrue(
                    documented.contains(variable), service.getKey() + ": " + variable + " is not a setting"));
        }
        assertEquals(3, apps);
        JsonNode streams = services.path("streams-app");
        assertTrue(strings(streams.path("volumes")).contains("streams-state:" + streams.path("environment").path("STATE_DIR").asText()));
        assertTrue(strings(streams.path("healthcheck").path("test")).contains("health"));
        assertTrue(strings(services.path("sink").path("healthcheck").path("test")).contains("health"));
        JsonNode sink = services.path("sink");
        assertTrue(strings(sink.path("volumes")).contains("lake:" + sink.path("environment").path("LAKE_ROOT").asText()));
    }

    @Test
    void everyOverlayRendersToObjectsKubernetesAccepts() throws Exception {
        for (String overlay : OVERLAYS) {
            for (JsonNode object : render("overlays/" + overlay)) {
                String where = overlay + ": " + object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
                if (object.path("apiVersion").asText().startsWith("sparkoperator.k8s.io/")) {
                    continue; // no published model of the operator's CRD here: sparkApplicationRunsTheSinkJar checks it
                }
                KubernetesResource typed = JSON.treeToValue(object, KubernetesResource.class);
                assertFalse(typed instanceof GenericKubernetesResource, where + ": a kind Kubernetes does not have");
                assertEquals(List.of(), unknownFields(typed, ""), where + ": fields Kubernetes does not have");
                assertEquals(List.of(), changedValues(object, JSON.valueToTree(typed), ""), where + ": values of the wrong type");
            }
        }
    }

    @Test
    void workloadsAgreeWithTheAppsAndAreBoundedAndConfined() throws Exception {
        Set<String> documented = documentedVariables();
        String deployDoc = Files.readString(ROOT.resolve("docs/deploy.md"));
        assertTrue(deployDoc.contains("kubectl create secret generic " + OPERATOR_SECRET),
                "docs/deploy.md says how to create the Secret the base leaves out");
        assertTrue(render("base").stream().noneMatch(object -> object.path("kind").asText().equals("Secret")),
                "no Secret, placeholder or real, in the base");
        Map<String, Integer> containers = new TreeMap<>();
        for (String overlay : OVERLAYS) {
            List<JsonNode> objects = render("overlays/" + overlay);
            objects.addAll(replayJobs());
            Map<String, JsonNode> byKindAndName = byKindAndName(objects);
            JsonNode config = byKindAndName.get("ConfigMap/callsignal-config").path("data");
            config.fieldNames().forEachRemaining(variable -> assertTrue(documented.contains(variable),
                    overlay + ": ConfigMap: " + variable + " is not a setting"));
            assertTrue(config.has("LAKE_ROOT"), overlay + " says where the lake is");
            for (JsonNode object : objects) {
                JsonNode pod = podSpec(object);
                if (pod == null) {
                    continue;
                }
                String where = overlay + ": " + object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
                assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + " runs as non-root");
                assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), where);
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.has("secret")) {
                        String secret = volume.path("secret").path("secretName").asText();
                        assertTrue(secret.equals(OPERATOR_SECRET) || byKindAndName.containsKey("Secret/" + secret), where + ": " + secret);
                    }
                    if (volume.has("emptyDir")) {
                        assertFalse(volume.path("emptyDir").path("sizeLimit").isMissingNode(), where + ": emptyDir " + volume.path("name") + " bounded");
                    }
                }
                String serviceAccount = pod.path("serviceAccountName").asText("");
                assertTrue(serviceAccount.isEmpty() || byKindAndName.containsKey("ServiceAccount/" + serviceAccount), where);
                for (JsonNode container : pod.path("containers")) {
                    containers.merge(overlay, 1, Integer::sum);
                    String app = app(container.path("image").asText());
                    assertTrue(app != null, where + ": image " + container.path("image"));
                    checkCommand(app, strings(container.path("args")), where);
                    checkConfined(container.path("securityContext"), where);
                    checkMemory(container.path("resources"), javaToolOptions(container), where);
                    for (JsonNode env : container.path("env")) {
                        assertTrue(documented.contains(env.path("name").asText()), where + ": " + env.path("name"));
                    }
                    for (JsonNode source : container.path("envFrom")) {
                        assertTrue(byKindAndName.containsKey("ConfigMap/" + source.path("configMapRef").path("name").asText()), where);
                    }
                }
            }
            JsonNode streams = byKindAndName.get("StatefulSet/callsignal-streams");
            JsonNode container = podSpec(streams).path("containers").get(0);
            assertEquals("/readyz", container.path("readinessProbe").path("httpGet").path("path").asText());
            assertEquals("/healthz", container.path("livenessProbe").path("httpGet").path("path").asText());
            assertEquals(config.path("HTTP_PORT").asInt(), container.path("ports").get(0).path("containerPort").asInt());
            String stateVolume = streams.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
            assertTrue(mounts(container).get(stateVolume).equals(config.path("STATE_DIR").asText()), "state dir on its volume");
            assertTrue(podSpec(streams).path("terminationGracePeriodSeconds").asInt() >= 60);

            // One sink, whatever the overlay: two on the same checkpoints would race.
            List<String> sinks = objects.stream().filter(object -> object.path("metadata").path("name").asText()
                    .startsWith("callsignal-sink") && Set.of("Deployment", "CronJob", "SparkApplication")
                    .contains(object.path("kind").asText())).map(object -> object.path("kind").asText()).toList();
            assertEquals(1, sinks.size(), overlay + ": " + sinks);
            JsonNode sink = byKindAndName.get("Deployment/callsignal-sink");
            if (sink != null) {
                JsonNode sinkContainer = podSpec(sink).path("containers").get(0);
                assertEquals("/readyz", sinkContainer.path("readinessProbe").path("httpGet").path("path").asText());
                assertEquals("/healthz", sinkContainer.path("livenessProbe").path("httpGet").path("path").asText());
                assertEquals(config.path("SINK_HTTP_PORT").asInt(), sinkContainer.path("ports").get(0).path("containerPort").asInt());
                assertEquals("Recreate", sink.path("spec").path("strategy").path("type").asText(), "never two sinks at once");
                assertEquals(1, sink.path("spec").path("replicas").asInt());
                if (config.path("LAKE_ROOT").asText().startsWith("/")) {
                    assertTrue(mounts(sinkContainer).containsValue(config.path("LAKE_ROOT").asText()), overlay + ": the lake on a volume");
                }
            }
            JsonNode endpoint = byKindAndName.get("Deployment/callsignal-sql-endpoint");
            JsonNode endpointContainer = podSpec(endpoint).path("containers").get(0);
            assertEquals(List.of("serve"), strings(endpointContainer.path("args")), overlay);
            assertEquals("/readyz", endpointContainer.path("readinessProbe").path("httpGet").path("path").asText());
            assertEquals(Set.of(config.path("SQL_ENDPOINT_PORT").asInt(), config.path("SQL_ENDPOINT_HTTP_PORT").asInt(),
                    config.path("DASHBOARD_PORT").asInt()), Set.of(endpointContainer.path("ports").get(0).path("containerPort")
                            .asInt(), endpointContainer.path("ports").get(1).path("containerPort").asInt(),
                            endpointContainer.path("ports").get(2).path("containerPort").asInt()), overlay);
            assertEquals("Recreate", endpoint.path("spec").path("strategy").path("type").asText(),
                    "the lake's embedded metastore opens in one process at a time");
            if (config.path("LAKE_ROOT").asText().startsWith("/")) {
                assertTrue(mounts(endpointContainer).containsValue(config.path("LAKE_ROOT").asText()),
                        overlay + ": the endpoint reads the lake's volume");
            }
            JsonNode batch = byKindAndName.get("CronJob/callsignal-sink-batch");
            if (batch != null) {
                assertEquals("Forbid", batch.path("spec").path("concurrencyPolicy").asText());
            }
        }
        assertEquals(Map.of("batch", 5, "local", 5, "s3", 5, "spark-operator", 4), containers, "the replay Jobs with each");
    }

    @Test
    void sparkApplicationRunsTheSinkJarAsTheOperatorExpects() throws Exception {
        List<JsonNode> objects = render("overlays/spark-operator");
        Map<String, JsonNode> byKindAndName = byKindAndName(objects);
        JsonNode spec = byKindAndName.get("SparkApplication/callsignal-sink").path("spec");
        assertEquals("Java", spec.path("type").asText());
        assertEquals("cluster", spec.path("mode").asText());
        assertEquals("io.callsignal.sink.SinkCli", spec.path("mainClass").asText());
        assertTrue(spec.path("mainApplicationFile").asText().startsWith("local:///opt/callsignal/"));
        assertEquals("callsignal/sink-spark-cluster:" + imageTag(), spec.path("image").asText());
        Matcher spark = Pattern.compile("<spark.version>([^<]+)</spark.version>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(spark.find());
        assertEquals(spark.group(1), spec.path("sparkVersion").asText());
        checkCommand("sink-spark", strings(spec.path("arguments")), "SparkApplication");
        Set<String> documented = documentedVariables();
        for (String role : List.of("driver", "executor")) {
            JsonNode pod = spec.path(role);
            assertTrue(pod.path("cores").asInt() > 0, role);
            assertTrue(pod.path("memory").asText().matches("\\d+[mg]"), role + " memory");
            assertTrue(pod.path("memoryOverhead").asText().matches("\\d+[mg]"), role + " memoryOverhead");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), role);
            assertFalse(pod.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true), role);
            assertTrue(byKindAndName.containsKey("ServiceAccount/" + pod.path("serviceAccount").asText()), role);
            pod.path("env").forEach(env -> assertTrue(documented.contains(env.path("name").asText()), role + ": " + env));
        }
        JsonNode driver = spec.path("driver");
        assertTrue(strings(driver.path("env")).stream().noneMatch(env -> env.contains("SPARK_MASTER")),
                "the master is the one the operator submits to");
        driver.path("envFrom").forEach(source -> assertTrue(
                byKindAndName.containsKey("ConfigMap/" + source.path("configMapRef").path("name").asText())));
        assertEquals(OPERATOR_SECRET, driver.path("secrets").get(0).path("name").asText());
        JsonNode binding = byKindAndName.get("RoleBinding/callsignal-spark-driver");
        assertEquals(driver.path("serviceAccount").asText(), binding.path("subjects").get(0).path("name").asText());
        assertTrue(byKindAndName.get("ServiceAccount/" + driver.path("serviceAccount").asText())
                .path("automountServiceAccountToken").asBoolean(), "the driver reaches the API to start executors");
        for (String role : List.of("driver", "executor")) {
            String options = spec.path("sparkConf").path("spark." + role + ".extraJavaOptions").asText();
            assertTrue(options.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), role + ": Spark on Java 17");
        }
    }

    @Test
    void imagesAreTheOnesTheBuildMakes() throws Exception {
        String tag = imageTag();
        List<String> images = new ArrayList<>();
        YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).path("services")
                .forEach(service -> images.add(service.path("image").asText()));
        for (String overlay : OVERLAYS) {
            for (JsonNode object : render("overlays/" + overlay)) {
                JsonNode pod = podSpec(object);
                if (pod != null) {
                    pod.path("containers").forEach(container -> images.add(container.path("image").asText()));
                }
                if (object.path("kind").asText().equals("SparkApplication")) {
                    images.add(object.path("spec").path("image").asText());
                }
            }
        }
        replayJobs().forEach(job -> podSpec(job).path("containers").forEach(c -> images.add(c.path("image").asText())));
        String sinkPom = Files.readString(ROOT.resolve("sink-spark/pom.xml"));
        assertTrue(sinkPom.contains("<image>callsignal/sink-spark-cluster:${image.tag}</image>"), "the build makes the cluster image");
        images.stream().filter(image -> image.startsWith("callsignal/")).forEach(image -> assertTrue(
                image.matches("callsignal/(streams-app|sink-spark|sink-spark-cluster):" + Pattern.quote(tag)), image));
    }

    /** A streams-app command line must parse; a sink command must be one the launcher sends to the sink jar. */
    private static void checkCommand(String app, List<String> args, String where) throws IOException {
        assertFalse(args.isEmpty(), where + " has a command");
        if (app.equals("streams-app")) {
            StreamsAppCli.commandLine().parseArgs(args.toArray(String[]::new));
        } else {
            assertTrue(sinkCommands().contains(args.get(0)), where + ": " + args.get(0) + " is not a sink command");
        }
    }

    private static String app(String image) {
        Matcher matcher = Pattern.compile("callsignal/(streams-app|sink-spark):.+").matcher(image);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static Set<String> sinkCommands() throws IOException {
        Set<String> commands = new HashSet<>();
        Matcher dispatch = Pattern.compile("(?m)^\\s+([a-z-]+)\\) run_sink_app \\1 ").matcher(
                Files.readString(ROOT.resolve("bin/callsignal")));
        while (dispatch.find()) {
            commands.add(dispatch.group(1));
        }
        assertTrue(commands.contains("sink"), "the launcher dispatches sink commands");
        return commands;
    }

    /** The first column of every table in docs/configuration.md, and the JVM's own variables. */
    private static Set<String> documentedVariables() throws IOException {
        Set<String> names = new HashSet<>(JVM_VARIABLES);
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)` \\|").matcher(
                Files.readString(ROOT.resolve("docs/configuration.md")));
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    /** An overlay's objects as {@code kubectl kustomize} renders them (kustomize 2.0 and newer read these files). */
    private static List<JsonNode> render(String kustomization) throws IOException, InterruptedException {
        Path dir = ROOT.resolve("deploy/k8s").resolve(kustomization);
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl renders the kustomize overlays and is not installed: .ci/run installs it"
                    + " (apt-get install kubernetes-client)", e);
        }
        byte[] rendered = kubectl.getInputStream().readAllBytes();
        assertEquals(0, kubectl.waitFor(), "kubectl kustomize " + kustomization);
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(rendered)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(objects::add);
        }
        assertFalse(objects.isEmpty(), kustomization);
        return objects;
    }

    /** The Jobs of a replay, applied by hand next to any overlay. */
    private static List<JsonNode> replayJobs() throws IOException {
        List<JsonNode> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s/replay"))) {
            for (Path file : files.sorted().toList()) {
                jobs.add(YAML.readTree(file.toFile()));
            }
        }
        return jobs;
    }

    private static Map<String, JsonNode> byKindAndName(List<JsonNode> objects) {
        Map<String, JsonNode> byKindAndName = new HashMap<>();
        objects.forEach(object -> byKindAndName.put(object.path("kind").asText() + "/"
                + object.path("metadata").path("name").asText(), object));
        return byKindAndName;
    }

    /**
     * Fields of a typed object that its Kubernetes type lacks: fabric8's models keep what their schema
     * does not name in additionalProperties, so a misspelt field lands there instead of failing.
     */
    private static List<String> unknownFields(Object model, String path) throws ReflectiveOperationException {
        List<String> unknown = new ArrayList<>();
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown.addAll(unknownFields(item, path + "[" + i++ + "]"));
            }
        } else if (model instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknown.addAll(unknownFields(entry.getValue(), path + "." + entry.getKey()));
            }
        } else if (model != null && model.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (Method getter : model.getClass().getMethods()) {
                if (getter.getParameterCount() > 0 || getter.getDeclaringClass() == Object.class
                        || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                    continue;
                }
                Object value = getter.invoke(model);
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(field -> unknown.add(path + "." + field));
                } else {
                    String property = getter.getName().replaceFirst("^(get|is)", "");
                    unknown.addAll(unknownFields(value, path + "." + Character.toLowerCase(property.charAt(0))
                            + property.substring(1)));
                }
            }
        }
        return unknown;
    }

    /**
     * Where a value read into its Kubernetes type no longer reads the same: a string where a number
     * belongs, say. Numbers compare by value (a YAML int in a field typed long); the apiVersion and
     * kind the models fill in for embedded objects are no change.
     */
    private static List<String> changedValues(JsonNode written, JsonNode typed, String path) {
        List<String> changed = new ArrayList<>();
        if (written.isObject() && typed.isObject()) {
            Set<String> fields = new TreeSet<>();
            written.fieldNames().forEachRemaining(fields::add);
            typed.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                if (!written.has(field) && Set.of("apiVersion", "kind").contains(field)) {
                    continue;
                }
                changed.addAll(changedValues(written.path(field), typed.path(field), path + "." + field));
            }
        } else if (written.isArray() && typed.isArray() && written.size() == typed.size()) {
            for (int i = 0; i < written.size(); i++) {
                changed.addAll(changedValues(written.get(i), typed.get(i), path + "[" + i + "]"));
            }
        } else if (!(written.equals(typed) || written.isNumber() && typed.isNumber()
                && written.decimalValue().compareTo(typed.decimalValue()) == 0)) {
            changed.add(path + ": " + written + " -> " + typed);
        }
        return changed;
    }

    /** No privilege to gain, no capability, nothing written outside the volumes. */
    private static void checkConfined(JsonNode securityContext, String where) {
        assertFalse(securityContext.path("allowPrivilegeEscalation").asBoolean(true), where + ": allowPrivilegeEscalation");
        assertTrue(securityContext.path("readOnlyRootFilesystem").asBoolean(), where + ": readOnlyRootFilesystem");
        assertTrue(strings(securityContext.path("capabilities").path("drop")).contains("ALL"), where + ": capabilities");
    }

    /** A CPU request, memory requested as limited, and a heap that leaves the JVM's other memory room under the limit. */
    private static void checkMemory(JsonNode resources, String javaToolOptions, String where) {
        assertFalse(resources.path("requests").path("cpu").isMissingNode(), where + ": cpu request");
        String limit = resources.path("limits").path("memory").asText();
        assertFalse(limit.isEmpty(), where + ": memory limit");
        assertEquals(limit, resources.path("requests").path("memory").asText(), where + ": memory requested as limited");
        Matcher heap = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(javaToolOptions);
        assertTrue(heap.find(), where + ": heap sized from the limit (JAVA_TOOL_OPTIONS)");
        assertTrue(Integer.parseInt(heap.group(1)) <= 75, where + ": heap at most 75% of the limit");
    }

    private static String javaToolOptions(JsonNode container) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals("JAVA_TOOL_OPTIONS")) {
                return env.path("value").asText();
            }
        }
        return "";
    }

    private static String imageTag() throws IOException {
        Matcher tag = Pattern.compile("<image.tag>([^<]+)</image.tag>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(tag.find());
        return tag.group(1);
    }

    /** The pod template of a workload, or null for other kinds. */
    private static JsonNode podSpec(JsonNode document) {
        JsonNode spec = document.path("spec");
        return switch (document.path("kind").asText()) {
            case "StatefulSet", "Deployment", "Job" -> spec.path("template").path("spec");
            case "CronJob" -> spec.path("jobTemplate").path("spec").path("template").path("spec");
            default -> null;
        };
    }

    private static Map<String, String> mounts(JsonNode container) {
        Map<String, String> mounts = new HashMap<>();
        container.path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));
        return mounts;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
