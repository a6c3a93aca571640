package org.cancerstats.core.validate;

import java.util.List;

/** A delivered file lacks required columns: the whole file is rejected, nothing of it is loaded. */
public final class MissingColumnsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> missing;

    public MissingColumnsException(String extract, List<String> missing, List<String> header) {
        super(extract + " file lacks required column(s) " + missing + "; its header has " + header);
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
