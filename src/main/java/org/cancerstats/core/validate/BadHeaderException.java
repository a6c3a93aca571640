package org.cancerstats.core.validate;

/**
 * A delivered file's header cannot be trusted (a column named twice): the whole file is rejected, nothing of it is
 * loaded. The message names the column and the field positions, never a field value.
 */
public final class BadHeaderException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadHeaderException(String message) {
        super(message);
    }
}
