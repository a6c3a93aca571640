package org.cancerstats.core.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * Reporting age bands given by their lower ages, the last open-ended: {@link #RUKS}, the bands of the Danish
 * chronic-disease register's figures (0-44, 45-59, 60-74, 75+), in which comorbidity at diagnosis is reported.
 *
 * @param lowers lower ages, ascending, the first 0
 */
public record AgeBands(List<Integer> lowers) {

    /** 0-44, 45-59, 60-74, 75+. */
    public static final AgeBands RUKS = new AgeBands(List.of(0, 45, 60, 75));

    public AgeBands {
        lowers = List.copyOf(lowers);
        if (lowers.isEmpty() || lowers.get(0) != 0) {
            throw new IllegalArgumentException("age bands must start at age 0; got " + lowers);
        }
        for (int i = 1; i < lowers.size(); i++) {
            if (lowers.get(i) <= lowers.get(i - 1)) {
                throw new IllegalArgumentException("age band lower ages must ascend; got " + lowers);
            }
        }
    }

    /** Labels in order: "0-44", ..., "75+". */
    public List<String> labels() {
        List<String> out = new ArrayList<>(lowers.size());
        for (int i = 0; i < lowers.size(); i++) {
            out.add(i == lowers.size() - 1 ? lowers.get(i) + "+" : lowers.get(i) + "-" + (lowers.get(i + 1) - 1));
        }
        return out;
    }

    /** The label of the band holding {@code age} (completed years, at least 0). */
    public String labelOf(int age) {
        if (age < 0) {
            throw new IllegalArgumentException("age must be >= 0; got " + age);
        }
        int band = 0;
        while (band + 1 < lowers.size() && age >= lowers.get(band + 1)) {
            band++;
        }
        return labels().get(band);
    }
}
