package io.callsignal.model;

/** The model cannot do what was asked with the lake as it is (too few closed deals, leaking features, ...). */
public final class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }
}
