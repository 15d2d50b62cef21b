package io.callsignal.command;

import io.callsignal.config.Setting;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Command-line durations read like configured ones: 30s, 5m, 168h, 7d or PT5M. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Setting.parseDuration(value);
    }
}
