package org.cancerstats.ingest;

/**
 * A delivered file that cannot be loaded at all: unreadable, without a required column, or breaking a
 * file-level rule (V19, V20). Nothing of it is written. The message names the file and the cause, never a
 * record's content.
 */
public final class FileRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FileRejectedException(String file, String reason) {
        super(file + ": rejected whole, nothing loaded: " + reason);
    }

    public FileRejectedException(String file, String reason, Throwable cause) {
        super(file + ": rejected whole, nothing loaded: " + reason, cause);
    }
}
