package io.callsignal.rejection;

/** The kind of event a record was meant to become. */
public enum Entity {
    CONVERSATION("conversation"),
    SIGNAL("signal"),
    DEAL("deal");

    private final String label;

    Entity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
