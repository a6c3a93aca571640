-- Every table of a warehouse as CSV, without run ids and times, to compare two builds' refreshes of the same data:
--   jobs/cancerstats sql --warehouse W --csv -f jobs/dump-tables.sql | sort > W.csv   (then diff the two files)
-- Maps are rendered sorted (to_json) so that their order cannot differ. Used for the code-health refactor (docs/architecture.md).
SELECT 'incidence' AS t, * EXCEPT (refresh_id) FROM incidence;
SELECT 'mortality' AS t, * EXCEPT (refresh_id) FROM mortality;
SELECT 'followup' AS t, * EXCEPT (refresh_id) FROM followup;
SELECT 'comorbidity' AS t, * EXCEPT (refresh_id) FROM comorbidity;
SELECT 'condition_prevalence' AS t, * EXCEPT (refresh_id) FROM condition_prevalence;
SELECT 'population' AS t, * EXCEPT (refresh_id) FROM population;
SELECT 'lifetable' AS t, * EXCEPT (refresh_id) FROM lifetable;
SELECT 'quarantine' AS t, * EXCEPT (refresh_id) FROM quarantine;
SELECT 'ingested_files' AS t, * EXCEPT (refresh_id, loaded_at) FROM ingested_files;
SELECT 'statistic_inputs' AS t, statistic, to_json(input_versions) FROM statistic_inputs;
SELECT 'refresh_runs' AS t, command, outcome, message, input_files, array_sort(map_keys(table_versions)) FROM refresh_runs;
SELECT 'incidence_counts' AS t, * EXCEPT (refresh_id) FROM incidence_counts;
SELECT 'mortality_counts' AS t, * EXCEPT (refresh_id) FROM mortality_counts;
SELECT 'incidence_rates' AS t, * EXCEPT (refresh_id) FROM incidence_rates;
SELECT 'mortality_rates' AS t, * EXCEPT (refresh_id) FROM mortality_rates;
SELECT 'age_specific_rates' AS t, * EXCEPT (refresh_id) FROM age_specific_rates;
SELECT 'data_quality' AS t, * EXCEPT (refresh_id) FROM data_quality;
SELECT 'prevalence' AS t, * EXCEPT (refresh_id) FROM prevalence;
SELECT 'comorbidity_at_diagnosis' AS t, * EXCEPT (refresh_id, by_condition), to_json(map_from_entries(array_sort(map_entries(by_condition)))) FROM comorbidity_at_diagnosis;
SELECT 'comorbidity_prevalence_ratios' AS t, * EXCEPT (refresh_id) FROM comorbidity_prevalence_ratios;
SELECT 'survival' AS t, * EXCEPT (refresh_id) FROM survival;
SELECT 'survival_quality' AS t, * EXCEPT (refresh_id) FROM survival_quality;
SELECT 'survival_curve' AS t, * EXCEPT (refresh_id) FROM survival_curve;
SELECT 'incidence_projections' AS t, * EXCEPT (refresh_id) FROM incidence_projections;
SELECT 'mortality_projections' AS t, * EXCEPT (refresh_id) FROM mortality_projections;
SELECT 'population_projection' AS t, * EXCEPT (refresh_id) FROM population_projection;
SHOW TABLES;
