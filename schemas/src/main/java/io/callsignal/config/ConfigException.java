package io.callsignal.config;

/** A configuration value that cannot be used; the message names the variable, the key and what was expected. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
