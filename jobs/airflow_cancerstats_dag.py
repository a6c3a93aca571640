"""Airflow DAG for the cancerstats nightly refresh: spark-submit of the thin jar, `refresh` subcommand.

Requires the apache-airflow-providers-apache-spark package and a `spark_default` connection to the cluster
(spark://host:7077 or yarn). The pseudonymisation key file path is given in the environment, never in the DAG.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="cancerstats_nightly_refresh",
    schedule="15 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,  # a refresh never overlaps the previous one
    default_args={"retries": 1, "retry_delay": timedelta(minutes=30)},
) as dag:
    SparkSubmitOperator(
        task_id="refresh",
        application="/opt/cancerstats/target/cancerstats-0.1.0-SNAPSHOT-spark.jar",
        java_class="org.cancerstats.cli.Main",
        application_args=["refresh", "--config", "/etc/cancerstats/application.conf"],
        conn_id="spark_default",
        conf={"spark.sql.shuffle.partitions": "64"},
        env_vars={"CANCERSTATS_PSEUDONYM_KEY_FILE": "/etc/cancerstats/pseudonym.key"},
    )
