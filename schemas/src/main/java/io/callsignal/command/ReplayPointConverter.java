package io.callsignal.command;

import io.callsignal.replay.ReplayPoint;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --from earliest | 2026-11-20T09:00:00Z | topic:partition:offset,...} */
public final class ReplayPointConverter implements ITypeConverter<ReplayPoint> {

    @Override
    public ReplayPoint convert(String value) {
        try {
            return ReplayPoint.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
