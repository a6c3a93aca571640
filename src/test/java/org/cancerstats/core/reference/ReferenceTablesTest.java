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

    @Test
    void theSumsBetweenSitesAndGroupsAreThoseThatHoldForEveryTumour() {
        assertThat(sites.sums()).containsExactly(
                new SiteCatalogue.Sum("colorectal", List.of("colon", "rectum")),
                new SiteCatalogue.Sum("all_sites", List.of("all_but_nmsc", "non_melanoma_skin")),
                new SiteCatalogue.Sum("all_sites", List.of("all_but_nmsc_breast_prostate", "non_melanoma_skin", "breast", "prostate")),
                new SiteCatalogue.Sum("all_but_nmsc", List.of("all_but_nmsc_breast_prostate", "breast", "prostate")));
        // every tumour of a part counts in the total, and no tumour in two parts
        for (SiteCatalogue.Sum sum : sites.sums()) {
            for (String icd10 : List.of("C18", "C19", "C20", "C44", "C50", "C61", "C34", "C80", "C91")) {
                java.util.Set<String> in = sites.sitesFor(icd10, null);
                long parts = sum.parts().stream().filter(in::contains).count();
                assertThat(parts).as("%s in the parts of %s", icd10, sum).isEqualTo(in.contains(sum.total()) ? 1 : 0);
            }
        }
    }

    @Test
    void aSiteListingAFourCharacterCodeMakesNoSum(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        Path siteFile = java.nio.file.Files.writeString(dir.resolve("sites.csv"),
                "site,label,icd10,icss_set\nleukaemia,Leukaemias,C91-C95,1\ncll,CLL,C91.1,1\nlung,Lung,C34,1\n");
        Path groupFile = java.nio.file.Files.writeString(dir.resolve("groups.csv"),
                "group,label,members,icss_set\nblood,Blood,leukaemia+cll,1\nall_sites,All,all,1\nall_but_lung,All but lung,all-lung,1\n"
                        + "all_but_cll,All but CLL,all-cll,1\n");
        assertThat(SiteCatalogue.read(siteFile, groupFile).sums())
                .containsExactly(new SiteCatalogue.Sum("all_sites", List.of("all_but_lung", "lung")));
    }
}
