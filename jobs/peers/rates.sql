-- The rates peer (issue 20): DuckDB computing, from the delivered CSV files and the conf/ reference tables,
-- what cancerstats rates writes to incidence_counts and to the Segi rows of incidence_rates:
--   counts: year x sex x region x age group (18, 85+ open) x site, zero-filled over the years and regions present;
--   rates:  single year x sex (male, female, both) x region (and national) x site, education 'all': cases,
--           person-years, the Segi (world 1960) ASR and its variance and w_M, the inputs of the Fay-Feuer interval.
-- Run by jobs/peers/RatesDuckDb.java (compute), which replaces ${landing}, ${conf} and ${out}, computes the gamma
-- quantiles (DuckDB has no inverse gamma) and writes ${out}/rates.csv. Same conventions as the project
-- (docs/methods.md): ICD-10 upper case without dot; a tumour counts in its category's sites and in the summary
-- groups; basal cell carcinoma (morphology 8090-8098) in none; age in completed years at diagnosis; strata
-- without person-years are left out of the ASR. The generated extracts have no row the project quarantines.

-- Sites: (key, site) from conf/sites.csv (categories and ranges such as C19-C20) and conf/site_groups.csv.
CREATE TEMP TABLE site_list AS
SELECT site, row_number() OVER () AS ord, icd10 FROM read_csv('${conf}/sites.csv', header = true, comment = '#', delim = ',', quote = '"', all_varchar = true);
CREATE TEMP TABLE site_parts AS
SELECT site, trim(unnest(string_split(icd10, ';'))) AS part FROM site_list;
CREATE TEMP TABLE site_keys AS
SELECT site, upper(replace(part, '.', '')) AS key FROM site_parts WHERE NOT contains(part, '-')
UNION ALL
SELECT site, left(part, 1) || lpad(CAST(n AS VARCHAR), 2, '0') AS key
FROM (SELECT site, part, unnest(generate_series(CAST(substr(split_part(part, '-', 1), 2) AS INTEGER),
                                                CAST(substr(split_part(part, '-', 2), 2) AS INTEGER))) AS n
      FROM site_parts WHERE contains(part, '-'));
-- "all": every category C00-C97 and the 3-character D categories a site lists.
CREATE TEMP TABLE all_keys AS
SELECT 'C' || lpad(CAST(n AS VARCHAR), 2, '0') AS key FROM generate_series(0, 97) t(n)
UNION SELECT key FROM site_keys WHERE length(key) = 3;
CREATE TEMP TABLE group_list AS
SELECT "group" AS site, row_number() OVER () + 1000 AS ord, members
FROM read_csv('${conf}/site_groups.csv', header = true, comment = '#', delim = ',', quote = '"', all_varchar = true);
CREATE TEMP TABLE group_keys AS
WITH parts AS (
    SELECT site, starts_with(members, 'all') AS from_all,
           unnest(string_split(CASE WHEN starts_with(members, 'all') THEN substr(members, 4) ELSE members END,
                               CASE WHEN starts_with(members, 'all') THEN '-' ELSE '+' END)) AS member
    FROM group_list),
members AS (SELECT site, from_all, trim(member) AS member FROM parts),
member_keys AS (SELECT m.site, m.from_all, k.key FROM members m JOIN site_keys k ON k.site = m.member AND length(k.key) = 3)
SELECT site, key FROM member_keys WHERE NOT from_all
UNION ALL
SELECT g.site, a.key FROM group_list g CROSS JOIN all_keys a
WHERE starts_with(g.members, 'all')
  AND NOT EXISTS (SELECT 1 FROM member_keys m WHERE m.site = g.site AND m.from_all AND m.key = a.key);
CREATE TEMP TABLE keys AS SELECT DISTINCT key, site FROM (SELECT * FROM site_keys UNION ALL SELECT * FROM group_keys);
CREATE TEMP TABLE sites AS SELECT site, ord FROM site_list UNION ALL SELECT site, ord FROM group_list;

-- Tumours: year, sex, region, age group index (0..17) and ICD-10 keys.
CREATE TEMP TABLE tumours AS
SELECT year(date_of_diagnosis) AS year, sex, region,
       least(CAST(floor((year(date_of_diagnosis) - year(date_of_birth)
             - CASE WHEN month(date_of_diagnosis) < month(date_of_birth)
                      OR (month(date_of_diagnosis) = month(date_of_birth) AND day(date_of_diagnosis) < day(date_of_birth))
                    THEN 1 ELSE 0 END) / 5) AS INTEGER), 17) AS age_index,
       upper(replace(replace(trim(icd10), '.', ''), ' ', '')) AS code,
       morphology BETWEEN 8090 AND 8098 AS basal_cell
FROM read_csv('${landing}/incidence/*.csv', header = true,
              types = {'sex': 'INTEGER', 'date_of_birth': 'DATE', 'date_of_diagnosis': 'DATE', 'icd10': 'VARCHAR',
                       'morphology': 'INTEGER', 'region': 'VARCHAR'});
-- Each tumour once per site it counts in (its category's and its 4-character code's, without repeats).
CREATE TEMP TABLE cases AS
WITH tumour_sites AS (
    SELECT t.rowid AS id, k.site FROM tumours t JOIN keys k ON k.key = left(t.code, 3) WHERE NOT t.basal_cell
    UNION
    SELECT t.rowid AS id, k.site FROM tumours t JOIN keys k ON length(k.key) = 4 AND k.key = left(t.code, 4)
    WHERE NOT t.basal_cell)
SELECT t.year, t.sex, t.region, t.age_index, s.site, count(*) AS cases
FROM tumour_sites s JOIN tumours t ON t.rowid = s.id
GROUP BY ALL;

-- Person-years by year, sex, region and age group index (single ages and 100+ folded into 18 groups).
CREATE TEMP TABLE person_years AS
SELECT year, sex, region, least(CAST(floor(CAST(regexp_extract(age, '^[0-9]+') AS INTEGER) / 5) AS INTEGER), 17) AS age_index,
       sum(population) AS person_years
FROM read_csv('${landing}/population/*.csv', header = true,
              types = {'year': 'INTEGER', 'sex': 'INTEGER', 'age': 'VARCHAR', 'region': 'VARCHAR', 'population': 'DOUBLE'})
GROUP BY ALL;

-- incidence_counts: zero-filled over years and regions present (population or cases), both sexes, 18 groups, every site.
COPY (
    WITH years AS (SELECT year FROM person_years UNION SELECT year FROM tumours),
         regions AS (SELECT region FROM person_years UNION SELECT region FROM tumours),
         ages AS (SELECT n AS age_index FROM generate_series(0, 17) t(n))
    SELECT y.year, s.sex, r.region, a.age_index * 5 AS age_lower, st.site, coalesce(c.cases, 0) AS cases
    FROM years y CROSS JOIN (VALUES (1), (2)) s(sex) CROSS JOIN regions r CROSS JOIN ages a CROSS JOIN sites st
    LEFT JOIN cases c ON c.year = y.year AND c.sex = s.sex AND c.region = r.region AND c.age_index = a.age_index
                     AND c.site = st.site
) TO '${out}/counts.csv' (HEADER);

-- Segi ASR sums by single year, sex (and both), region (and national), site. w_i = weight / sum of weights.
CREATE TEMP TABLE weights AS
SELECT row_number() OVER () - 1 AS age_index, weight / sum(weight) OVER () AS w
FROM read_csv('${conf}/standards/world_segi_1960.csv', header = true, comment = '#',
              types = {'age_group': 'VARCHAR', 'weight': 'DOUBLE'});
CREATE TEMP TABLE strata AS
WITH py AS (
    SELECT year, sx.label AS sex, rg.region, age_index, sum(person_years) AS person_years
    FROM person_years p
    CROSS JOIN LATERAL (SELECT CASE p.sex WHEN 1 THEN 'male' ELSE 'female' END UNION ALL SELECT 'both') sx(label)
    CROSS JOIN LATERAL (SELECT p.region UNION ALL SELECT 'national') rg(region)
    GROUP BY ALL),
c AS (
    SELECT year, sx.label AS sex, rg.region, age_index, site, sum(cases) AS cases
    FROM cases k
    CROSS JOIN LATERAL (SELECT CASE k.sex WHEN 1 THEN 'male' ELSE 'female' END UNION ALL SELECT 'both') sx(label)
    CROSS JOIN LATERAL (SELECT k.region UNION ALL SELECT 'national') rg(region)
    GROUP BY ALL)
SELECT p.year, p.sex, p.region, s.site, p.age_index, p.person_years, coalesce(c.cases, 0) AS cases
FROM py p CROSS JOIN sites s
LEFT JOIN c ON c.year = p.year AND c.sex = p.sex AND c.region = p.region AND c.age_index = p.age_index AND c.site = s.site;
CREATE TEMP TABLE asr_sums AS
SELECT year, sex, region, site,
       sum(cases) FILTER (WHERE person_years > 0) AS cases,
       sum(person_years) AS person_years,
       sum(w / person_years * cases) FILTER (WHERE person_years > 0) AS rate,
       sum((w / person_years) * (w / person_years) * cases) FILTER (WHERE person_years > 0) AS variance,
       max(w / person_years) FILTER (WHERE person_years > 0) AS max_ratio
FROM strata JOIN weights USING (age_index)
GROUP BY ALL;
