package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cancerstats.SharedSpark;
import org.cancerstats.core.extract.Extract;
import org.cancerstats.core.reference.SiteCatalogue;
import org.cancerstats.tables.RegistryCatalog;
import org.cancerstats.tables.RegistryTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The first tumour per person and site, against a plain-Java choice on the same tumours: random persons with one to
 * four tumours each, on few dates (so that ties on the date of diagnosis are common), in sites that share groups.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstTumoursTest {

    private static final String DB = "first_tumours";
    /** Codes whose sites overlap (colon and rectum in colorectal, all in all_sites), basal cell and a C80. */
    private static final String[] CODES = {"C180", "C187", "C189", "C20", "C210", "C349", "C509", "C61", "C445", "C80"};
    private final SparkSession spark = SharedSpark.get();
    private final SiteCatalogue sites = SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv"));
    /** person, tumour, ICD-10, morphology, diagnosis, stage */
    private final List<Object[]> tumours = new ArrayList<>();
    private final Set<String> followedUp = new HashSet<>();
    private List<Row> computed;

    @BeforeAll
    void build() {
        Random random = new Random(20261203);
        String[] stages = {"localised", "regional", "distant", null};
        for (int p = 0; p < 400; p++) {
            int count = 1 + random.nextInt(4);
            for (int t = 0; t < count; t++) {
                String code = CODES[random.nextInt(CODES.length)];
                int morphology = code.equals("C445") && random.nextBoolean() ? 8090 : 8140;
                // Tumour ids not in date order, and dates from a short list: ties are broken by id.
                tumours.add(new Object[] {"p" + p, "t" + random.nextInt(1_000_000) + "-" + p + "-" + t, code, morphology,
                        LocalDate.of(2010 + random.nextInt(3), 1 + random.nextInt(2), 1), stages[random.nextInt(stages.length)]});
            }
            if (p % 7 != 0) {
                followedUp.add("p" + p);
            }
        }
        RegistryCatalog catalog = new RegistryCatalog(spark, DB);
        List<Row> incidence = new ArrayList<>();
        for (Object[] t : tumours) {
            incidence.add(RowFactory.create(t[0], t[1], 1, Date.valueOf("1950-06-01"), Date.valueOf((LocalDate) t[4]), t[2],
                    t[3], 3, 7, "Solo", null, null, t[5], null, null, new String[0], "incidence/i.csv", 2L, "x", "r"));
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.INCIDENCE), incidence);
        List<Row> followup = new ArrayList<>();
        for (String person : followedUp) {
            followup.add(RowFactory.create(person, 1, Date.valueOf("2023-12-31"), new String[0], "followup/f.csv", 2L, "x", "r"));
        }
        TableFixtures.insert(catalog, RegistryTables.extract(Extract.FOLLOWUP), followup);
        computed = FirstTumours.compute(spark, catalog, sites)
                .select("person_key", "site", "tumour_id", "date_of_diagnosis", "stage", "end_of_followup").collectAsList();
    }

    @Test
    void eachPersonAndSiteOnceFromTheEarliestTumourTiesByTumourId() {
        Map<String, Object[]> expected = new HashMap<>();
        Comparator<Object[]> order = Comparator.<Object[], LocalDate>comparing(t -> (LocalDate) t[4]).thenComparing(t -> (String) t[1]);
        for (Object[] t : tumours) {
            int morphology = (Integer) t[3];
            if (morphology >= 8090 && morphology <= 8098) {
                continue; // basal cell carcinoma counts nowhere
            }
            for (String site : sites.sitesFor((String) t[2], morphology)) {
                expected.merge(t[0] + "/" + site, t, (a, b) -> order.compare(a, b) <= 0 ? a : b);
            }
        }
        Map<String, Row> actual = new HashMap<>();
        for (Row r : computed) {
            assertThat(actual.put(r.getString(0) + "/" + r.getString(1), r)).as("one row per person and site: %s", r).isNull();
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        long ties = 0;
        for (Map.Entry<String, Object[]> e : expected.entrySet()) {
            Row r = actual.get(e.getKey());
            Object[] t = e.getValue();
            assertThat(r.getString(2)).as(e.getKey()).isEqualTo(t[1]);
            assertThat(r.getDate(3).toLocalDate()).as(e.getKey()).isEqualTo(t[4]);
            assertThat(r.getString(4)).as(e.getKey()).isEqualTo(t[5]);
            assertThat(r.isNullAt(5)).as("follow-up of %s", e.getKey()).isEqualTo(!followedUp.contains((String) t[0]));
            ties += tumours.stream().filter(o -> o != t && o[0].equals(t[0]) && o[4].equals(t[4])
                    && sites.sitesFor((String) o[2], (Integer) o[3]).contains(e.getKey().split("/")[1])).count();
        }
        assertThat(ties).as("the fixture has persons with two tumours of one site on one date").isGreaterThan(20);
        assertThat(actual.keySet()).as("groups as well as sites").anyMatch(k -> k.endsWith("/colorectal"));
    }
}
