package org.cancerstats.core.validate;

import java.util.List;

/** A delivered file lacks required columns: the whole file is rejected, nothing of it is loaded. */
public final class MissingColumnsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> missing;

    public MissingColumnsException(String extract, List<String> missing, List<String> header) {
        super(extract + " file lacks required column(s) " + missing + "; " + describe(header));
        this.missing = List.copyOf(missing);
    }

    /**
     * The header's known column names; the other fields only counted, never shown: a file without a header has a
     * data line there, raw person id included.
     */
    static String describe(List<String> header) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (org.cancerstats.core.extract.Extract e : org.cancerstats.core.extract.Extract.values()) {
            e.columns().forEach(c -> {
                names.add(c.name().toLowerCase(java.util.Locale.ROOT));
                c.aliases().forEach(a -> names.add(a.toLowerCase(java.util.Locale.ROOT)));
            });
        }
        List<String> known = header.stream().filter(h -> names.contains(h.trim().toLowerCase(java.util.Locale.ROOT))).toList();
        int other = header.size() - known.size();
        return "its header has " + (known.isEmpty() ? "no known column" : known.toString())
                + (other == 0 ? "" : " and " + other + " other field(s), not shown" + (known.isEmpty()
                        ? " (is the header line missing? the first line is read as the header)" : ""));
    }

    public List<String> missing() {
        return missing;
    }
}
