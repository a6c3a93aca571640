package org.cancerstats.core.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Cancer sites and summary groups (SPEC.md section 2), read from {@code conf/sites.csv} and
 * {@code conf/site_groups.csv}.
 *
 * <p>A site lists ICD-10 categories (C18), ranges (C19-C20) and 4-character codes (C91.0, a refinement counted
 * in addition to its category's site). A summary group is a sum of sites ({@code colon+rectum}) or "all" minus
 * sites ({@code all-non_melanoma_skin}); "all" holds every C00–C97 tumour and the D codes that some site lists.
 * Basal cell carcinoma (morphology 8090–8098) counts in no site and no group. Other D codes are outside the
 * statistics; C codes in no site (C76–C80, for example) count only in the groups built on "all".
 */
public final class SiteCatalogue {

    /** One site or summary group. */
    public record Site(String code, String label, boolean group, String icssSet) {
    }

    /** A group or site whose count is exactly the sum of others' (for the sums a release makes between its rows). */
    public record Sum(String total, List<String> parts) {
        public Sum {
            parts = List.copyOf(parts);
        }
    }

    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final Map<String, Set<String>> byKey = new LinkedHashMap<>();
    private final List<Sum> sums = new ArrayList<>();

    private SiteCatalogue() {
    }

    public static SiteCatalogue read(Path sitesFile, Path groupsFile) {
        SiteCatalogue catalogue = new SiteCatalogue();
        Map<String, List<String>> siteKeys = new LinkedHashMap<>();
        for (CSVRecord r : records(sitesFile)) {
            Site site = new Site(r.get("site"), r.get("label"), false, r.get("icss_set"));
            catalogue.sites.put(site.code(), site);
            siteKeys.put(site.code(), expand(r.get("icd10"), sitesFile));
        }
        // "all": every C category, and D categories some site lists.
        Set<String> all = new LinkedHashSet<>();
        for (int c = 0; c <= 97; c++) {
            all.add(String.format("C%02d", c));
        }
        siteKeys.values().forEach(keys -> keys.stream().filter(k -> k.length() == 3).forEach(all::add));
        for (Map.Entry<String, List<String>> e : siteKeys.entrySet()) {
            for (String key : e.getValue()) {
                catalogue.byKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(e.getKey());
            }
        }
        Map<String, Set<String>> allBut = new LinkedHashMap<>();
        for (CSVRecord r : records(groupsFile)) {
            Site group = new Site(r.get("group"), r.get("label"), true, r.get("icss_set"));
            catalogue.sites.put(group.code(), group);
            for (String category : members(r.get("members"), all, siteKeys, groupsFile)) {
                catalogue.byKey.computeIfAbsent(category, k -> new LinkedHashSet<>()).add(group.code());
            }
            catalogue.addSums(group.code(), r.get("members"), siteKeys, allBut);
        }
        return catalogue;
    }

    /**
     * The sums that hold by construction. A group {@code a+b} is the sum of its sites when no tumour can count in two
     * of them and each counts tumours by category only (a site listing a 4-character code counts some tumours whose
     * category lies elsewhere). Of two groups "all minus M1" and "all minus M2" with M1 inside M2, the first is the
     * second plus the sites of M2 outside M1, under the same condition; "all" is a group whose M is empty.
     */
    private void addSums(String group, String spec, Map<String, List<String>> siteKeys, Map<String, Set<String>> allBut) {
        if (!spec.startsWith("all")) {
            List<String> parts = List.of(spec.split("\\+")).stream().map(String::trim).toList();
            if (byCategoryAndDisjoint(parts, siteKeys)) {
                sums.add(new Sum(group, parts));
            }
            return;
        }
        Set<String> minus = new LinkedHashSet<>();
        for (String m : spec.substring(3).split("-")) {
            if (!m.isBlank()) {
                minus.add(m.trim());
            }
        }
        for (Map.Entry<String, Set<String>> other : allBut.entrySet()) {
            Set<String> small = other.getValue().size() <= minus.size() ? other.getValue() : minus;
            Set<String> large = small == minus ? other.getValue() : minus;
            if (small.equals(large) || !large.containsAll(small)) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            parts.add(small == minus ? other.getKey() : group);
            large.stream().filter(m -> !small.contains(m)).forEach(parts::add);
            if (byCategoryAndDisjoint(parts.subList(1, parts.size()), siteKeys)) {
                sums.add(new Sum(small == minus ? group : other.getKey(), parts));
            }
        }
        allBut.put(group, minus);
    }

    private static boolean byCategoryAndDisjoint(List<String> parts, Map<String, List<String>> siteKeys) {
        Set<String> seen = new java.util.HashSet<>();
        for (String part : parts) {
            List<String> keys = siteKeys.get(part);
            if (keys == null || keys.stream().anyMatch(k -> k.length() != 3 || !seen.add(k))) {
                return false;
            }
        }
        return true;
    }

    /** The sums between sites and groups that hold for every tumour (see {@link #read}); in file order. */
    public List<Sum> sums() {
        return List.copyOf(sums);
    }

    /** Sites and groups in file order. */
    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    public Site site(String code) {
        Site site = sites.get(code);
        if (site == null) {
            throw new IllegalArgumentException("unknown site '" + code + "'");
        }
        return site;
    }

    /**
     * (key, site) pairs for joining: key is a 3-character category or a 4-character code, upper case without dot.
     * A tumour counts in the sites of its category and of its 4-character code.
     */
    public Map<String, Set<String>> keys() {
        return byKey;
    }

    /** The sites and groups a tumour counts in; empty for basal cell carcinoma or codes outside the statistics. */
    public Set<String> sitesFor(String icd10, Integer morphology) {
        if (morphology != null && morphology >= 8090 && morphology <= 8098) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>(byKey.getOrDefault(icd10.substring(0, 3), Set.of()));
        if (icd10.length() >= 4) {
            out.addAll(byKey.getOrDefault(icd10.substring(0, 4), Set.of()));
        }
        return out;
    }

    private static List<String> expand(String spec, Path file) {
        List<String> keys = new ArrayList<>();
        for (String part : spec.split(";")) {
            String p = part.trim().toUpperCase().replace(".", "");
            if (p.matches("[A-Z]\\d\\d-[A-Z]\\d\\d")) {
                char chapter = p.charAt(0);
                int from = Integer.parseInt(p.substring(1, 3));
                int to = Integer.parseInt(p.substring(5, 7));
                for (int c = from; c <= to; c++) {
                    keys.add(String.format("%c%02d", chapter, c));
                }
            } else if (p.matches("[A-Z]\\d\\d\\d?")) {
                keys.add(p);
            } else {
                throw new IllegalArgumentException(file + ": '" + part + "' is not an ICD-10 category, code or range");
            }
        }
        return keys;
    }

    private static Set<String> members(String spec, Set<String> all, Map<String, List<String>> siteKeys, Path file) {
        Set<String> out = new LinkedHashSet<>();
        if (spec.startsWith("all")) {
            out.addAll(all);
            for (String minus : spec.substring(3).split("-")) {
                if (!minus.isBlank()) {
                    out.removeAll(keysOf(minus.trim(), siteKeys, file));
                }
            }
        } else {
            for (String plus : spec.split("\\+")) {
                out.addAll(keysOf(plus.trim(), siteKeys, file));
            }
        }
        return out;
    }

    private static List<String> keysOf(String site, Map<String, List<String>> siteKeys, Path file) {
        List<String> keys = siteKeys.get(site);
        if (keys == null) {
            throw new IllegalArgumentException(file + ": group member '" + site + "' is not a site of sites.csv");
        }
        return keys.stream().filter(k -> k.length() == 3).toList();
    }

    private static List<CSVRecord> records(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                    .setIgnoreEmptyLines(true).build().parse(new java.io.StringReader(text)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
