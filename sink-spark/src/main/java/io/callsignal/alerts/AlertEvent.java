package io.callsignal.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A change of an alert, as published (JSON) to the alerts topic and webhook: it fires when its
 * condition starts and resolves when it ends. An alert is one rule's condition on one subject, and
 * its id ({@code rule/subject}) keys its records; {@code at} is an ISO-8601 instant.
 */
public record AlertEvent(String alert, String rule, String subject, Status status, double value, double threshold,
        String message, String at) {

    public enum Status {
        @JsonProperty("firing") FIRING,
        @JsonProperty("resolved") RESOLVED
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static String id(String rule, String subject) {
        return rule + "/" + subject;
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AlertEvent fromJson(byte[] json) {
        try {
            return JSON.readValue(json, AlertEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not an alert: " + e.getMessage(), e);
        }
    }
}
