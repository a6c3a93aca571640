package org.cancerstats.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ReferenceTablesTest {

    private final SiteCatalogue sites = SiteCatalogue.read(Path.of("conf/sites.csv"), Path.of("conf/site_groups.csv"));

    @Test
    void shippedStandardsHaveTheSpecWeights() {
        Map<String, StandardPopulation> standards = StandardPopulation.readAll(Path.of("conf/standards")).stream()
                .collect(Collectors.toMap(StandardPopulation::name, s -> s));
        assertThat(standards).containsOnlyKeys("world_segi_1960", "europe_1976", "europe_2013", "europe_2013_fine",
                "nordic_2000", "who_2000");
        assertThat(sum(standards.get("world_segi_1960").weights())).isEqualTo(100_000);
        assertThat(sum(standards.get("who_2000").weights())).isEqualTo(100_030); // SPEC: always divide by the sum
        assertThat(standards.get("europe_2013_fine").groups()).isEqualTo(AgeGroups.FINE);
        assertThat(standards.get("europe_2013_fine").weights()[19]).isEqualTo(200);
        assertThat(standards.get("nordic_2000").weights()[0]).isEqualTo(5900);
    }

    @Test
    void sitesAndGroupsFollowSpec() {
        assertThat(sites.sitesFor("C187", 8140)).containsExactly("colon", "colorectal", "all_sites", "all_but_nmsc",
                "all_but_nmsc_breast_prostate");
        assertThat(sites.sitesFor("C61", 8140)).containsExactly("prostate", "all_sites", "all_but_nmsc");
        assertThat(sites.sitesFor("C446", 8070)).containsExactly("non_melanoma_skin", "all_sites");
        assertThat(sites.sitesFor("C446", 8090)).as("basal cell carcinoma counts nowhere").isEmpty();
        assertThat(sites.sitesFor("D414", 8120)).contains("bladder_urinary", "all_sites");
        assertThat(sites.sitesFor("D500", 8000)).as("outside the statistics").isEmpty();
        assertThat(sites.sitesFor("C80", 8000)).as("no specific site").containsExactly("all_sites", "all_but_nmsc",
                "all_but_nmsc_breast_prostate");
        assertThat(sites.site("cervix").icssSet()).isEqualTo("2");
    }

    @Test
    void ageGroups() {
        assertThat(AgeGroups.STANDARD.labels()).hasSize(18).startsWith("0-4").endsWith("85+");
        assertThat(AgeGroups.FINE.labels()).endsWith("85-89", "90-94", "95+");
        assertThat(AgeGroups.STANDARD.indexOf(97)).isEqualTo(17);
        assertThat(AgeGroups.FINE.indexOf(92)).isEqualTo(18);
        assertThat(List.of(AgeGroups.STANDARD.indexOf(0), AgeGroups.STANDARD.indexOf(4), AgeGroups.STANDARD.indexOf(5)))
                .containsExactly(0, 0, 1);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
