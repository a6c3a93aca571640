package org.cancerstats.report;

import java.util.Map;

/**
 * Why a value is a gap, in the reader's words: the release's flags ({@code suppressed_small},
 * {@code suppressed_complementary}, {@code unreliable}) with the rule's k and m, the statistics' own withheld reasons,
 * and a zero rate on a log scale.
 */
final class Reasons {

    private final Labels labels;
    private final Object k;
    private final Object m;

    Reasons(Labels labels, Map<String, Object> rule) {
        this.labels = labels;
        this.k = rule.getOrDefault("min_count", "k");
        this.m = rule.getOrDefault("min_rate_cases", "m");
    }

    String of(String flag) {
        return switch (flag) {
            case "suppressed_small" -> labels.get("reason.suppressed_small", k);
            case "suppressed_complementary" -> labels.get("reason.suppressed_complementary");
            case "unreliable" -> labels.get("reason.unreliable", m);
            case "zero" -> labels.get("reason.zero");
            case "withheld" -> labels.get("reason.withheld");
            case "not_published" -> labels.get("reason.not_published");
            case "S01", "S02", "S03" -> labels.get("reason." + flag);
            default -> labels.get("reason.other", flag);
        };
    }
}
