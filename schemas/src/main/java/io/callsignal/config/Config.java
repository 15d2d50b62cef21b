package io.callsignal.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Resolved configuration. A setting's value is, from weakest to strongest: its default, its
 * environment variable, its key in the properties file named by {@code CALLSIGNAL_CONFIG} (or
 * {@code --config}). Keys under {@code kafka.client.} in that file pass straight to every Kafka
 * client (security, SASL, TLS, ...).
 */
public final class Config {

    /** Environment variable naming the properties file. */
    public static final String CONFIG_FILE_ENV = "CALLSIGNAL_CONFIG";
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

    private final Map<String, String> env;
    private final Properties file;
    private final Optional<Path> filePath;

    private Config(Map<String, String> env, Properties file, Optional<Path> filePath) {
        this.env = Map.copyOf(env);
        this.file = file;
        this.filePath = filePath;
    }

    /** Configuration of this process: its environment, and the file given explicitly or by {@code CALLSIGNAL_CONFIG}. */
    public static Config load(Optional<Path> explicitFile) {
        Map<String, String> env = System.getenv();
        Optional<Path> file = explicitFile.or(() -> Optional.ofNullable(env.get(CONFIG_FILE_ENV))
                .filter(value -> !value.isBlank()).map(Path::of));
        return of(env, file);
    }

    public static Config of(Map<String, String> env, Optional<Path> file) {
        Properties properties = new Properties();
        if (file.isPresent()) {
            try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ConfigException("cannot read configuration file " + file.get() + ": " + e.getMessage());
            }
        }
        return new Config(env, properties, file);
    }

    public <T> T get(Setting<T> setting) {
        return setting.parse(raw(setting));
    }

    /** The text a setting resolves to, before parsing. */
    public String raw(Setting<?> setting) {
        String fromFile = file.getProperty(setting.property());
        if (fromFile != null) {
            return fromFile;
        }
        String fromEnv = env.get(setting.env());
        return fromEnv != null ? fromEnv : setting.defaultValue();
    }

    /** Properties every Kafka client of the pipeline starts from: the brokers, then the file's overrides. */
    public Map<String, String> kafkaClient() {
        Map<String, String> properties = new TreeMap<>();
        properties.put("bootstrap.servers", get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS));
        properties.putAll(kafkaClientOverrides());
        return properties;
    }

    /** Extra Kafka client properties from the file, prefix removed. */
    public Map<String, String> kafkaClientOverrides() {
        Map<String, String> overrides = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(KAFKA_CLIENT_PREFIX)) {
                overrides.put(key.substring(KAFKA_CLIENT_PREFIX.length()), file.getProperty(key));
            }
        }
        return overrides;
    }

    public Optional<Path> file() {
        return filePath;
    }
}
