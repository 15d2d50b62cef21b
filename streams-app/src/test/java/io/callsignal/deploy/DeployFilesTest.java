package io.callsignal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.callsignal.cli.StreamsAppCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and deploy/k8s/ cannot be run here (no Docker engine, no cluster); this checks
 * them as far as that allows: they parse, and every image, command, option and variable they give
 * the apps is one the apps have.
 */
class DeployFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new YAMLMapper();
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
    void kubernetesManifestsParseAndAgreeWithTheApps() throws IOException {
        List<JsonNode> documents = manifests();
        Map<String, JsonNode> byKindAndName = new HashMap<>();
        for (JsonNode document : documents) {
            for (String field : List.of("apiVersion", "kind")) {
                assertFalse(document.path(field).asText().isEmpty(), field + " in " + document);
            }
            byKindAndName.put(document.path("kind").asText() + "/" + document.path("metadata").path("name").asText(), document);
        }
        Set<String> documented = documentedVariables();
        JsonNode config = byKindAndName.get("ConfigMap/callsignal-config").path("data");
        config.fieldNames().forEachRemaining(variable -> assertTrue(documented.contains(variable),
                "ConfigMap: " + variable + " is not a setting"));

        int containers = 0;
        for (JsonNode document : documents) {
            JsonNode pod = podSpec(document);
            if (pod == null) {
                continue;
            }
            String where = document.path("kind").asText() + "/" + document.path("metadata").path("name").asText();
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + " runs as non-root");
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("secret")) {
                    assertTrue(byKindAndName.containsKey("Secret/" + volume.path("secret").path("secretName").asText()), where);
                }
            }
            for (JsonNode container : pod.path("containers")) {
                containers++;
                String app = app(container.path("image").asText());
                assertTrue(app != null, where + ": image " + container.path("image"));
                checkCommand(app, strings(container.path("args")), where);
                for (JsonNode env : container.path("env")) {
                    assertTrue(documented.contains(env.path("name").asText()), where + ": " + env.path("name"));
                }
                for (JsonNode source : container.path("envFrom")) {
                    assertTrue(byKindAndName.containsKey("ConfigMap/" + source.path("configMapRef").path("name").asText()), where);
                }
            }
        }
        assertEquals(5, containers);

        JsonNode streams = byKindAndName.get("StatefulSet/callsignal-streams");
        JsonNode container = podSpec(streams).path("containers").get(0);
        assertEquals("/readyz", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/healthz", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals(config.path("HTTP_PORT").asInt(), container.path("ports").get(0).path("containerPort").asInt());
        String stateVolume = streams.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
        assertTrue(mounts(container).get(stateVolume).equals(config.path("STATE_DIR").asText()), "state dir on its volume");
        assertTrue(podSpec(streams).path("terminationGracePeriodSeconds").asInt() >= 60);

        JsonNode sink = byKindAndName.get("Deployment/callsignal-sink");
        JsonNode sinkContainer = podSpec(sink).path("containers").get(0);
        assertEquals("/readyz", sinkContainer.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/healthz", sinkContainer.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals(config.path("SINK_HTTP_PORT").asInt(), sinkContainer.path("ports").get(0).path("containerPort").asInt());
        assertEquals("Recreate", sink.path("spec").path("strategy").path("type").asText(), "never two sinks at once");
        assertEquals(1, sink.path("spec").path("replicas").asInt());
        assertEquals("Forbid", byKindAndName.get("CronJob/callsignal-sink-batch").path("spec").path("concurrencyPolicy").asText());
    }

    @Test
    void imagesAreTheOnesTheBuildMakes() throws IOException {
        Matcher tag = Pattern.compile("<image.tag>([^<]+)</image.tag>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(tag.find());
        List<String> images = new ArrayList<>();
        YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).path("services")
                .forEach(service -> images.add(service.path("image").asText()));
        for (JsonNode document : manifests()) {
            JsonNode pod = podSpec(document);
            if (pod != null) {
                pod.path("containers").forEach(container -> images.add(container.path("image").asText()));
            }
        }
        images.stream().filter(image -> image.startsWith("callsignal/")).forEach(image -> assertTrue(
                image.equals("callsignal/streams-app:" + tag.group(1)) || image.equals("callsignal/sink-spark:" + tag.group(1)),
                image));
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

    private static List<JsonNode> manifests() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT.resolve("deploy/k8s"))) {
            files = walk.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            try (var parser = new YAMLFactory().createParser(file.toFile())) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
            }
        }
        return documents;
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
