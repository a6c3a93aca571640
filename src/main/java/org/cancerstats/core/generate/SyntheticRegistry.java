package org.cancerstats.core.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Writes a synthetic cancer registry, one CSV extract per landing sub-folder, in the formats of SPEC.md section 1.
 * Nothing in it is about a real person.
 *
 * <p>The model, kept simple and documented in {@code docs/sample-data.md}: a stationary population from the
 * life table, growing 0.5% a year, split over regions; tumours drawn as Poisson counts per year, sex, single
 * age and region from site-specific age curves ({@code generator/sites.csv}) with a 1.2% yearly rise; survival
 * as a cure model (cured share and excess hazard per site, worse with age, better with calendar time) competing
 * with background mortality from {@link LifeTableModel} and a little emigration; about 4% second primaries;
 * chronic conditions at diagnosis whose prevalence rises with age (about 10%, 20%, 34% and 43% with at least
 * one in ages 0-44, 45-59, 60-74, 75+), COPD more common with lung cancer.
 *
 * <p>Streams: each year's rows are written as they are drawn, so memory does not grow with the size.
 */
public final class SyntheticRegistry {

    /** Conditions of conf/conditions.csv with their prevalence in ages 0-44, 45-59, 60-74, 75+. */
    static final List<String> CONDITIONS = List.of("asthma", "copd", "dementia", "rheumatoid_arthritis",
            "osteoporosis", "schizophrenia", "diabetes_t1", "diabetes_t2");
    static final double[][] CONDITION_PREVALENCE = {
            {0.060, 0.003, 0.0005, 0.005, 0.003, 0.008, 0.008, 0.012},
            {0.060, 0.040, 0.002, 0.012, 0.015, 0.008, 0.007, 0.070},
            {0.060, 0.100, 0.010, 0.020, 0.050, 0.006, 0.006, 0.130},
            {0.050, 0.130, 0.060, 0.025, 0.100, 0.004, 0.005, 0.150}};
    private static final String[] OTHER_CAUSES = {"I21.9", "I64", "J44.9", "I50.9", "F03", "E11.9", "N18.9", "K74.6",
            "G30.9", "J18.9", "I25.1", "X59"};
    private static final String[] SECOND_PRIMARY_SITES = {"colon", "lung", "skin_non_melanoma", "bladder", "melanoma"};

    /** Rows written per extract. */
    public record Counts(long population, long lifetable, long tumours, long patients, long deaths, long comorbidity,
                         long conditionPrevalence, long populationProjection) {
    }

    private static final String INCIDENCE_HEADER = "patient_id,tumour_id,sex,date_of_birth,date_of_diagnosis,icd10,"
            + "morphology,behaviour,basis_of_diagnosis,region,topography,age_at_diagnosis,stage,autopsy,education";
    private static final String FOLLOWUP_HEADER = "patient_id,vital_status,end_of_followup";
    private static final String MORTALITY_HEADER = "person_id,sex,date_of_birth,date_of_death,underlying_cause,region,education";

    private final GeneratorOptions options;
    /** A one-site survival cohort: one microscopically verified tumour each, no second primary, no comorbidity. */
    private final boolean cohort;
    private final UniformRandomProvider rng;
    private final List<SiteModel> sites = SiteModel.load();
    private final double[] regionShare;
    private final double[][] stationary = new double[2][LifeTableModel.MAX_AGE + 1];
    private final LocalDate studyEnd;
    private long nextPatient = 1;
    private long nextTumour = 1;
    private long tumours;
    private long deaths;
    private long comorbidityRows;

    private BufferedWriter incidence;
    private BufferedWriter followup;
    private BufferedWriter mortality;
    private BufferedWriter comorbidity;

    private SyntheticRegistry(GeneratorOptions options, boolean cohort) {
        this.options = options;
        this.cohort = cohort;
        this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(options.seed());
        this.studyEnd = LocalDate.of(options.lastYear(), 12, 31);
        int n = options.regions().size();
        regionShare = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            regionShare[i] = 1.0 / (i + 1.5);
            total += regionShare[i];
        }
        for (int i = 0; i < n; i++) {
            regionShare[i] /= total;
        }
        for (int sex = 1; sex <= 2; sex++) {
            double alive = 1;
            double sum = 0;
            double[] l = stationary[sex - 1];
            for (int age = 0; age <= LifeTableModel.MAX_AGE; age++) {
                double q = LifeTableModel.deathProbability(age, sex, options.firstYear());
                l[age] = age < LifeTableModel.MAX_AGE ? alive : alive / q; // 100+ holds the whole tail
                sum += l[age];
                alive *= 1 - q;
            }
            for (int age = 0; age <= LifeTableModel.MAX_AGE; age++) {
                l[age] /= sum;
            }
        }
    }

    /** Writes every extract under {@code options.out()}; the same options give the same bytes. */
    public static Counts write(GeneratorOptions options) throws IOException {
        return new SyntheticRegistry(options, false).writeAll();
    }

    /**
     * Writes a one-site survival cohort under {@code options.out()}: {@code patients} colon cancer patients, one tumour
     * each (microscopically verified, no second primary), diagnosed uniformly over the years of {@code options},
     * aged 30-89 at diagnosis as the colon age curve and the stationary population make them, followed to 31 December
     * of the last year with the registry's survival model; with their follow-up, mortality and the life table. The
     * input of the survival benchmark against R (jobs/benchmark.sh --peers): the same cohort for every tool, none of
     * it excluded by any of them but those who die on the day of diagnosis (no follow-up time; about 0.1%).
     */
    public static Counts writeCohort(GeneratorOptions options, long patients) throws IOException {
        if (patients < 1) {
            throw new IllegalArgumentException("patients must be at least 1; got " + patients);
        }
        return new SyntheticRegistry(options, true).writeCohortFiles(patients);
    }

    private Counts writeCohortFiles(long patients) throws IOException {
        long lifetableRows = writeLifeTable();
        SiteModel colon = siteNamed("colon");
        int firstAge = 30;
        int lastAge = 89; // cancerstats.survival.max-age: nobody excluded for age
        double[][] ageCumulative = new double[2][lastAge - firstAge + 1];
        for (int sex = 1; sex <= 2; sex++) {
            double sum = 0;
            for (int age = firstAge; age <= lastAge; age++) {
                sum += colon.rate(age, sex) * stationary[sex - 1][age];
                ageCumulative[sex - 1][age - firstAge] = sum;
            }
            for (int i = 0; i < ageCumulative[sex - 1].length; i++) {
                ageCumulative[sex - 1][i] /= sum;
            }
        }
        double[] regions = cumulativeRegionShare();
        LocalDate start = LocalDate.of(options.firstYear(), 1, 1);
        int days = (int) ChronoUnit.DAYS.between(start, studyEnd) + 1;
        incidence = open("incidence", INCIDENCE_HEADER);
        followup = open("followup", FOLLOWUP_HEADER);
        mortality = open("mortality", MORTALITY_HEADER);
        try {
            for (long i = 0; i < patients; i++) {
                int sex = rng.nextDouble() < 0.5 ? 1 : 2;
                int age = firstAge + draw(ageCumulative[sex - 1]);
                String region = options.regions().get(draw(regions));
                LocalDate diagnosis = start.plusDays(rng.nextInt(days));
                LocalDate birth = diagnosis.minusYears(age).minusDays(1 + rng.nextInt(364));
                patient(colon, sex, birth, diagnosis, region, EducationModel.EDUCATION[rng.nextInt(3)]);
            }
        } finally {
            incidence.close();
            followup.close();
            mortality.close();
        }
        return new Counts(0, lifetableRows, tumours, nextPatient - 1, deaths, 0, 0, 0);
    }

    /** The index of the first cumulative share above a uniform draw. */
    private int draw(double[] cumulative) {
        double u = rng.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    private double[] cumulativeRegionShare() {
        double[] c = regionShare.clone();
        for (int i = 1; i < c.length; i++) {
            c[i] += c[i - 1];
        }
        return c;
    }

    private Counts writeAll() throws IOException {
        long lifetableRows = writeLifeTable();
        long populationRows = 0;
        long prevalenceRows = 0;
        try (BufferedWriter population = open("population", "year,sex,age,region,population,education");
             BufferedWriter prevalence = open("condition_prevalence", "year,sex,age_group,region,condition,persons")) {
            incidence = open("incidence", INCIDENCE_HEADER);
            followup = open("followup", FOLLOWUP_HEADER);
            mortality = open("mortality", MORTALITY_HEADER);
            comorbidity = open("comorbidity", "person_id,condition,onset_date,source");
            for (int year = options.firstYear(); year <= options.lastYear(); year++) {
                for (int sex = 1; sex <= 2; sex++) {
                    for (int r = 0; r < regionShare.length; r++) {
                        String region = options.regions().get(r);
                        double[] groupPopulation = new double[18];
                        for (int age = 0; age <= LifeTableModel.MAX_AGE; age++) {
                            long persons = population(year, sex, r, age);
                            groupPopulation[Math.min(age / 5, 17)] += persons;
                            long[] byLevel = EducationModel.split(year - age, persons);
                            for (int e = 0; e < EducationModel.EDUCATION.length; e++) {
                                population.write(year + "," + sex + "," + (age == LifeTableModel.MAX_AGE ? "100+" : age)
                                        + "," + region + "," + byLevel[e] + "," + EducationModel.EDUCATION[e] + "\n");
                                populationRows++;
                                drawTumours(year, sex, age, region, EducationModel.EDUCATION[e], byLevel[e]);
                            }
                        }
                        prevalenceRows += writeConditionPrevalence(prevalence, year, sex, region, groupPopulation);
                    }
                }
            }
        } finally {
            for (BufferedWriter w : new BufferedWriter[] {incidence, followup, mortality, comorbidity}) {
                if (w != null) {
                    w.close();
                }
            }
        }
        long projectionRows = writePopulationProjection();
        return new Counts(populationRows, lifetableRows, tumours, nextPatient - 1, deaths, comorbidityRows, prevalenceRows,
                projectionRows);
    }

    /** Years of population the statistics office projects after the last year: five 5-year periods. */
    static final int PROJECTED_YEARS = 25;

    /**
     * The projected population of the {@link #PROJECTED_YEARS} years after the last: the expected population of the
     * model (no noise, so the other extracts' random draws are untouched), still growing 0.5% a year, and ageing:
     * ages 65 and over grow 1.5% a year more.
     */
    private long writePopulationProjection() throws IOException {
        long rows = 0;
        try (BufferedWriter out = open("population_projection", "year,sex,age,region,population")) {
            for (int year = options.lastYear() + 1; year <= options.lastYear() + PROJECTED_YEARS; year++) {
                for (int sex = 1; sex <= 2; sex++) {
                    for (int r = 0; r < regionShare.length; r++) {
                        for (int age = 0; age <= LifeTableModel.MAX_AGE; age++) {
                            double expected = options.persons() * 0.5 * stationary[sex - 1][age] * regionShare[r]
                                    * Math.pow(1.005, year - options.firstYear())
                                    * (age >= 65 ? Math.pow(1.015, year - options.lastYear()) : 1);
                            out.write(year + "," + sex + "," + (age == LifeTableModel.MAX_AGE ? "100+" : age) + ","
                                    + options.regions().get(r) + "," + Math.round(expected) + "\n");
                            rows++;
                        }
                    }
                }
            }
        }
        return rows;
    }

    private long population(int year, int sex, int region, int age) {
        double expected = options.persons() * 0.5 * stationary[sex - 1][age] * regionShare[region]
                * Math.pow(1.005, year - options.firstYear());
        return Math.max(0, Math.round(expected * (1 + 0.01 * (rng.nextDouble() - 0.5))));
    }

    private long writeLifeTable() throws IOException {
        long rows = 0;
        try (BufferedWriter out = open("lifetable", "year,sex,age,survival_probability")) {
            for (int year = options.firstYear(); year <= options.lastYear(); year++) {
                for (int sex = 1; sex <= 2; sex++) {
                    for (int age = 0; age <= LifeTableModel.MAX_AGE; age++) {
                        double p = 1 - LifeTableModel.deathProbability(age, sex, year);
                        out.write(year + "," + sex + "," + age + "," + String.format(Locale.ROOT, "%.6f", p) + "\n");
                        rows++;
                    }
                }
            }
        }
        return rows;
    }

    private long writeConditionPrevalence(BufferedWriter out, int year, int sex, String region, double[] groupPopulation)
            throws IOException {
        long rows = 0;
        for (int g = 0; g < 18; g++) {
            String band = g == 17 ? "85+" : (5 * g) + "-" + (5 * g + 4);
            double[] prevalence = CONDITION_PREVALENCE[ageGroup(5 * g + 2)];
            for (int c = 0; c < CONDITIONS.size(); c++) {
                long persons = Math.round(groupPopulation[g] * prevalence[c]);
                out.write(year + "," + sex + "," + band + "," + region + "," + CONDITIONS.get(c) + "," + persons + "\n");
                rows++;
            }
        }
        return rows;
    }

    /** The comorbidity reporting group (0-44, 45-59, 60-74, 75+) of an age. */
    static int ageGroup(int age) {
        return age < 45 ? 0 : age < 60 ? 1 : age < 75 ? 2 : 3;
    }

    private void drawTumours(int year, int sex, int age, String region, String education, long persons) throws IOException {
        if (persons == 0) {
            return;
        }
        double trend = Math.exp(0.012 * (year - 2010));
        for (SiteModel site : sites) {
            double planted = site.site().equals("lung") && region.equals(options.lungExcessRegion()) ? GeneratorOptions.LUNG_EXCESS : 1;
            double mean = persons * site.rate(age, sex) * trend * planted * EducationModel.factor(site, education);
            if (mean <= 0) {
                continue;
            }
            int cases = PoissonSampler.of(rng, mean).sample();
            for (int i = 0; i < cases; i++) {
                LocalDate diagnosis = LocalDate.of(year, 1, 1).plusDays(rng.nextInt(365));
                LocalDate birth = diagnosis.minusYears(age).minusDays(1 + rng.nextInt(364));
                patient(site, sex, birth, diagnosis, region, education);
            }
        }
    }

    private void patient(SiteModel site, int sex, LocalDate birth, LocalDate diagnosis, String region, String education)
            throws IOException {
        String patientId = String.format(Locale.ROOT, "P%09d", nextPatient++);
        int age = (int) ChronoUnit.YEARS.between(birth, diagnosis);
        int basis = cohort ? 7 : basisOfDiagnosis();
        boolean autopsy = !cohort && basis != 0 && rng.nextDouble() < 0.002;

        double cure = site.cure() * (sex == 2 && site.site().equals("lung") ? 1.2 : 1.0);
        cure *= age > 60 ? Math.max(0.5, 1 - 0.006 * (age - 60)) : Math.min(1.1, 1 + 0.002 * (60 - age));
        cure = Math.min(0.995, cure + (1 - cure) * Math.max(-0.3, Math.min(0.3, 0.01 * (diagnosis.getYear() - 2010))));
        boolean cured = rng.nextDouble() < cure;

        double end = ChronoUnit.DAYS.between(diagnosis, studyEnd) / 365.25;
        double cancerDeath = cured ? Double.POSITIVE_INFINITY
                : -Math.log(1 - rng.nextDouble()) / (site.hazard() * Math.exp(0.015 * (age - 60)));
        double otherDeath = backgroundDeath(age, sex, diagnosis.getYear(), end);
        double emigration = -Math.log(1 - rng.nextDouble()) / 0.002;
        if (basis == 0 || autopsy) {
            cancerDeath = 0; // death certificate only, or found at autopsy: diagnosed at death
        }
        double exit = Math.min(Math.min(cancerDeath, otherDeath), Math.min(emigration, end));
        LocalDate exitDate = diagnosis.plusDays((long) Math.floor(exit * 365.25));
        if (exitDate.isAfter(studyEnd)) {
            exitDate = studyEnd;
        }
        int vital;
        if (exit == cancerDeath || exit == otherDeath) {
            vital = 2;
            String cause = exit == cancerDeath ? deathCode(site) : OTHER_CAUSES[rng.nextInt(OTHER_CAUSES.length)];
            mortality.write(patientId + "," + sex + "," + birth + "," + exitDate + "," + cause + "," + region + ","
                    + education + "\n");
            deaths++;
        } else if (exit == emigration) {
            vital = 3;
        } else {
            vital = !cohort && rng.nextDouble() < 0.001 ? 9 : 1;
        }
        followup.write(patientId + "," + vital + "," + exitDate + "\n");

        tumour(patientId, site, sex, birth, diagnosis, region, education, basis, autopsy, cured);
        if (cohort) {
            return;
        }
        if (rng.nextDouble() < 0.04 && vital != 2 || rng.nextDouble() < 0.01) {
            SiteModel second = rng.nextDouble() < 0.15 ? site : siteNamed(SECOND_PRIMARY_SITES[rng.nextInt(SECOND_PRIMARY_SITES.length)]);
            LocalDate again = diagnosis.plusDays(60 + rng.nextInt(3000));
            if (second.rate(age, sex) > 0 && !again.isAfter(exitDate) && !again.isAfter(studyEnd)) {
                tumour(patientId, second, sex, birth, again, region, education, 7, false, rng.nextDouble() < 0.6);
            }
        }
        comorbidities(patientId, site, birth, diagnosis, age);
    }

    private void tumour(String patientId, SiteModel site, int sex, LocalDate birth, LocalDate diagnosis, String region,
                        String education, int basis, boolean autopsy, boolean cured) throws IOException {
        String code = site.icd10().get(rng.nextInt(site.icd10().size()));
        String icd10 = code.length() == 4 ? code.substring(0, 3) + "." + code.charAt(3) : code;
        int morphology = site.morphology().get(rng.nextInt(site.morphology().size()));
        int behaviour = code.startsWith("D32") ? 0 : code.startsWith("D") ? 1 : 3;
        int age = (int) ChronoUnit.YEARS.between(birth, diagnosis);
        String topography = code.startsWith("C") ? code + (code.length() == 3 ? "9" : "") : "";
        incidence.write(patientId + "," + String.format(Locale.ROOT, "T%09d", nextTumour++) + "," + sex + "," + birth + ","
                + diagnosis + "," + icd10 + "," + morphology + "," + behaviour + "," + basis + "," + region + ","
                + topography + "," + age + "," + stage(cured, basis) + "," + (autopsy ? 1 : 0) + "," + education + "\n");
        tumours++;
    }

    /** Years from diagnosis to death from other causes, by the life table, or infinity if after {@code horizon}. */
    private double backgroundDeath(int age, int sex, int year, double horizon) {
        for (int t = 0; t <= horizon + 1; t++) {
            double q = LifeTableModel.deathProbability(Math.min(age + t, LifeTableModel.MAX_AGE), sex, year + t);
            if (rng.nextDouble() < q) {
                return t + rng.nextDouble();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private void comorbidities(String patientId, SiteModel site, LocalDate birth, LocalDate diagnosis, int age)
            throws IOException {
        double[] prevalence = CONDITION_PREVALENCE[ageGroup(age)];
        for (int c = 0; c < CONDITIONS.size(); c++) {
            // As the general population at diagnosis (0.9: a tenth of onsets fall after it); COPD much more with lung cancer.
            double p = prevalence[c] / 0.9 * (c == 1 && site.site().equals("lung") ? 2.5 : 1.0);
            if (rng.nextDouble() >= Math.min(p, 0.9)) {
                continue;
            }
            LocalDate onset;
            if (rng.nextDouble() < 0.9) {
                long maxDaysBefore = Math.max(1, Math.min(15 * 365L, ChronoUnit.DAYS.between(birth, diagnosis) - 1));
                onset = diagnosis.minusDays((long) (rng.nextDouble() * maxDaysBefore));
            } else {
                onset = diagnosis.plusDays(30 + rng.nextInt(1000));
                if (onset.isAfter(studyEnd)) {
                    continue;
                }
            }
            comorbidity.write(patientId + "," + CONDITIONS.get(c) + "," + onset + ",national patient register\n");
            comorbidityRows++;
        }
    }

    private String deathCode(SiteModel site) {
        String code = site.icd10().get(0);
        return code.substring(0, 3) + (code.startsWith("D") ? ".9" : "");
    }

    private SiteModel siteNamed(String name) {
        return sites.stream().filter(s -> s.site().equals(name)).findFirst().orElseThrow();
    }

    private int basisOfDiagnosis() {
        double u = rng.nextDouble();
        return u < 0.012 ? 0 : u < 0.03 ? 1 : u < 0.08 ? 2 : u < 0.09 ? 4 : u < 0.13 ? 5 : u < 0.14 ? 6 : u < 0.995 ? 7 : 9;
    }

    private String stage(boolean cured, int basis) {
        double u = rng.nextDouble();
        if (basis == 0 || basis == 9) {
            return "unknown";
        }
        if (cured) {
            return u < 0.65 ? "localised" : u < 0.95 ? "regional" : "unknown";
        }
        return u < 0.55 ? "distant" : u < 0.85 ? "regional" : u < 0.93 ? "localised" : "unknown";
    }

    private BufferedWriter open(String extract, String header) throws IOException {
        Path folder = options.out().resolve(extract);
        Files.createDirectories(folder);
        BufferedWriter writer = Files.newBufferedWriter(folder.resolve(extract + ".csv"), StandardCharsets.UTF_8);
        writer.write(header + "\n");
        return writer;
    }
}
