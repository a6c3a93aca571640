package org.cancerstats.core.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A standard population for direct age standardisation (SPEC.md section 2): a weight per age group, in any unit
 * (the weights are always divided by their sum).
 *
 * @param name    file name without ".csv" (world_segi_1960, europe_2013, ...): the value of {@code standard} in
 *                the rate tables
 * @param label   human name from the file's first comment line
 * @param groups  {@link AgeGroups#STANDARD} (18 groups) or {@link AgeGroups#FINE} (20)
 * @param weights one weight per group, in group order
 */
public record StandardPopulation(String name, String label, AgeGroups groups, double[] weights)
        implements java.io.Serializable {

    public StandardPopulation {
        if (weights.length != groups.count()) {
            throw new IllegalArgumentException("standard " + name + " has " + weights.length + " weights for "
                    + groups.count() + " age groups");
        }
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /**
     * Reads {@code conf/standards/NAME.csv}: an optional "# label" line, a header {@code age_group,weight}, then one
     * row per group in the labels of {@link AgeGroups} ("0-4" ... "85+", or "85-89", "90-94", "95+").
     */
    public static StandardPopulation read(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String label = lines.stream().filter(l -> l.startsWith("#")).findFirst()
                    .map(l -> l.substring(1).split(";")[0].trim()).orElse(name);
            List<String[]> rows = lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank() && !l.startsWith("age_group"))
                    .map(l -> l.split(",")).toList();
            AgeGroups groups = rows.size() == AgeGroups.FINE.count() ? AgeGroups.FINE : AgeGroups.STANDARD;
            double[] weights = new double[groups.count()];
            Arrays.fill(weights, Double.NaN);
            for (String[] row : rows) {
                weights[groups.indexOfLabel(row[0])] = Double.parseDouble(row[1].trim());
            }
            for (int i = 0; i < weights.length; i++) {
                if (Double.isNaN(weights[i]) || weights[i] < 0) {
                    throw new IllegalArgumentException("standard " + file + " lacks a weight for " + groups.labels().get(i));
                }
            }
            return new StandardPopulation(name, label, groups, weights);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard population " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("standard population " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every {@code *.csv} in the folder, by name. */
    public static List<StandardPopulation> readAll(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<StandardPopulation> out = new ArrayList<>();
            files.filter(f -> f.toString().endsWith(".csv")).sorted().forEach(f -> out.add(read(f)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list standard populations in " + folder, e);
        }
    }
}
