package org.cancerstats.core.reference;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ICSS age-standardisation weights for survival (SPEC.md section 2, {@code conf/icss.csv}): per set, age bands
 * with their weights. Bands cover 0–89; patients aged 90 or more are excluded from survival.
 */
public final class IcssWeights implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One age band of a set: lowest and highest age, label, weight. */
    public record Band(int lower, int upper, String label, double weight) implements Serializable {
    }

    private final Map<String, List<Band>> sets;

    private IcssWeights(Map<String, List<Band>> sets) {
        this.sets = sets;
    }

    public static IcssWeights read(Path file) {
        Map<String, List<Band>> sets = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.startsWith("icss_set") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                String[] ages = f[1].trim().split("-");
                sets.computeIfAbsent(f[0].trim(), k -> new ArrayList<>()).add(new Band(Integer.parseInt(ages[0]),
                        Integer.parseInt(ages[1]), f[1].trim(), Double.parseDouble(f[2].trim())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ICSS weights " + file, e);
        }
        return new IcssWeights(sets);
    }

    public List<Band> bands(String set) {
        List<Band> bands = sets.get(set);
        if (bands == null) {
            throw new IllegalArgumentException("no ICSS set '" + set + "'; conf/icss.csv has " + sets.keySet());
        }
        return bands;
    }

    /** The oldest age every set's bands cover (89 for NORDCAN's sets): no patient older can be standardised. */
    public int oldestAge() {
        return sets.values().stream().mapToInt(b -> b.get(b.size() - 1).upper()).min()
                .orElseThrow(() -> new IllegalStateException("no ICSS set is defined"));
    }

    /** Index of the band holding {@code age} in the set, or -1 when none does (90 and over). */
    public int bandOf(String set, int age) {
        List<Band> bands = bands(set);
        for (int i = 0; i < bands.size(); i++) {
            if (age >= bands.get(i).lower() && age <= bands.get(i).upper()) {
                return i;
            }
        }
        return -1;
    }
}
