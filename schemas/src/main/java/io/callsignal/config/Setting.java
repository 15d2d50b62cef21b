package io.callsignal.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configuration value, declared once: its environment variable, its properties-file key, its
 * default, what it means, and how its text becomes a typed value. {@link Config} resolves it;
 * docs/configuration.md lists every declared setting (a test keeps the two in step).
 */
public final class Setting<T> {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

    private final String env;
    private final String property;
    private final String defaultValue;
    private final String doc;
    private final String expected;
    private final Function<String, T> parser;

    private Setting(String env, String defaultValue, String doc, String expected, Function<String, T> parser) {
        this.env = Objects.requireNonNull(env);
        this.property = env.toLowerCase(Locale.ROOT).replace('_', '.');
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.expected = expected;
        this.parser = parser;
    }

    public static Setting<String> text(String env, String defaultValue, String doc) {
        return new Setting<>(env, defaultValue, doc, "a non-empty string", value -> {
            if (value.isBlank()) {
                throw new IllegalArgumentException("empty");
            }
            return value.trim();
        });
    }

    /** Text that may be left empty: empty means "not set". */
    public static Setting<Optional<String>> optionalText(String env, String doc) {
        return new Setting<>(env, "", doc, "any text (empty: not set)",
                value -> value.isBlank() ? Optional.empty() : Optional.of(value.trim()));
    }

    public static Setting<Integer> positiveInt(String env, String defaultValue, String doc) {
        return new Setting<>(env, defaultValue, doc, "a positive integer", value -> {
            int parsed = Integer.parseInt(value.trim());
            if (parsed <= 0) {
                throw new IllegalArgumentException("not positive");
            }
            return parsed;
        });
    }

    public static Setting<Integer> nonNegativeInt(String env, String defaultValue, String doc) {
        return new Setting<>(env, defaultValue, doc, "an integer, 0 or more", value -> {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0) {
                throw new IllegalArgumentException("negative");
            }
            return parsed;
        });
    }

    public static Setting<Integer> port(String env, String defaultValue, String doc) {
        return new Setting<>(env, defaultValue, doc, "a TCP port from 0 to 65535 (0: any free port)", value -> {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0 || parsed > 65535) {
                throw new IllegalArgumentException("out of range");
            }
            return parsed;
        });
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 168h} or {@code 7d}, or ISO-8601 ({@code PT5M}). */
    public static Setting<Duration> duration(String env, String defaultValue, String doc) {
        return new Setting<>(env, defaultValue, doc, "a duration like 30s, 5m, 168h, 7d or PT5M", Setting::parseDuration);
    }

    /** A byte count such as {@code 1048576}, {@code 512KiB} or {@code 10MiB}. */
    public static Setting<Long> byteSize(String env, String defaultValue, String doc) {
        return new Setting<>(env, defaultValue, doc, "a size like 1048576, 512KiB or 10MiB", Setting::parseSize);
    }

    /** A comma-separated list of lower-case names ({@code [a-z][a-z0-9_]*}), safe to quote into SQL. */
    public static Setting<List<String>> nameList(String env, String defaultValue, String doc) {
        return new Setting<>(env, defaultValue, doc, "comma-separated names of lower-case letters, digits and _", value -> {
            List<String> names = Arrays.stream(value.split(",")).map(String::trim).toList();
            if (names.stream().anyMatch(name -> !NAME.matcher(name).matches())) {
                throw new IllegalArgumentException(value);
            }
            return names;
        });
    }

    public String env() {
        return env;
    }

    /** The key of this setting in a properties file: the variable's name in lower case, dotted. */
    public String property() {
        return property;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    T parse(String value) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new ConfigException("invalid value '" + value + "' for " + env + " (property " + property
                    + "): expected " + expected);
        }
    }

    public static Duration parseDuration(String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            return Duration.parse(trimmed);
        }
        Matcher m = DURATION.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException(value);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    static long parseSize(String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(value);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        return Math.multiplyExact(amount, 1L << shift);
    }

    @Override
    public String toString() {
        return env;
    }
}
