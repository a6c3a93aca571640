package org.cancerstats.core.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incidence and survival of one cancer site in the synthetic registry (resource {@code generator/sites.csv}).
 *
 * @param site        model name
 * @param icd10       ICD-10 codes to draw from
 * @param rate70      rate per 100,000 at age 70 (or at the peak for bell shapes), index 0 male, 1 female
 * @param bell        whether the age curve is a bell around {@code peakAge} (testis, Hodgkin)
 * @param k           power of the age curve, or the bell's width
 * @param peakAge     age after which a power curve falls 1% a year
 * @param cure        share cured (relative survival plateau) at age 60 in 2010
 * @param hazard      yearly excess hazard of the uncured
 * @param morphology  ICD-O-3 morphologies to draw from
 * @param minAge      no tumours below this age
 */
record SiteModel(String site, List<String> icd10, double[] rate70, boolean bell, double k, int peakAge, double cure,
                 double hazard, List<Integer> morphology, int minAge) {

    /** Annual rate per person at {@code age} for sex 1 or 2, before the calendar trend. */
    double rate(int age, int sex) {
        double base = rate70[sex - 1] / 100_000.0;
        if (base == 0 || age < minAge) {
            return 0;
        }
        if (bell) {
            double z = (age - peakAge) / k;
            return base * Math.exp(-z * z);
        }
        double rising = base * Math.pow(Math.max(age, 1) / 70.0, k);
        return age <= peakAge ? rising : base * Math.pow(peakAge / 70.0, k) * Math.pow(0.99, age - peakAge);
    }

    static List<SiteModel> load() {
        try (InputStream in = SiteModel.class.getResourceAsStream("/generator/sites.csv")) {
            if (in == null) {
                throw new IllegalStateException("resource generator/sites.csv is missing");
            }
            List<SiteModel> sites = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.startsWith("site,") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                sites.add(new SiteModel(f[0], List.of(f[1].split("\\|")),
                        new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])}, f[4].equals("bell"),
                        Double.parseDouble(f[5]), Integer.parseInt(f[6]), Double.parseDouble(f[7]),
                        Double.parseDouble(f[8]), List.of(f[9].split("\\|")).stream().map(Integer::valueOf).toList(),
                        Integer.parseInt(f[10])));
            }
            return sites;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
