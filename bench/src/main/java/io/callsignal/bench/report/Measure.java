package io.callsignal.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One figure of a benchmark run. {@code ratioTo} names the measure of the same run this one is
 * compared with (its baseline), {@code goal} is the project's goal for it (e.g. {@code >= 0.8}),
 * {@code note} says what was measured when the name alone does not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Measure(String name, double value, String unit, @JsonProperty("ratio_to") String ratioTo,
        Goal goal, String note) {

    public Measure {
        if (name == null || !name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("a measure's name is snake_case: " + name);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is not a finite number: " + value);
        }
    }

    public static Measure of(String name, double value, String unit) {
        return new Measure(name, value, unit, null, null, null);
    }

    public Measure relativeTo(String baseline) {
        return new Measure(name, value, unit, baseline, goal, note);
    }

    public Measure goal(Goal goal) {
        return new Measure(name, value, unit, ratioTo, goal, note);
    }

    public Measure note(String note) {
        return new Measure(name, value, unit, ratioTo, goal, note);
    }

    /** A goal: the value is to be at least, or at most, this. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Goal(@JsonProperty("at_least") Double atLeast, @JsonProperty("at_most") Double atMost) {

        public static Goal atLeast(double value) {
            return new Goal(value, null);
        }

        public static Goal atMost(double value) {
            return new Goal(null, value);
        }

        public boolean met(double value) {
            return (atLeast == null || value >= atLeast) && (atMost == null || value <= atMost);
        }

        @Override
        public String toString() {
            return atLeast != null ? ">= " + Measures.format(atLeast) : "<= " + Measures.format(atMost);
        }
    }
}
