"""Spark's start-up notices stay off the user's terminal: the driver's JVM reads civicnet's log4j2
configuration (warnings only, the loopback and native-Hadoop notices left out), shipped with the package."""

from __future__ import annotations

from importlib.resources import files

from civicnet.spark.session import LOG_CONFIG


def test_the_log_configuration_ships_with_the_package():
    shipped = files("civicnet.spark").joinpath("log4j2.properties")
    assert shipped.is_file()
    text = shipped.read_text(encoding="utf-8")
    assert "rootLogger.level = warn" in text
    assert "org.apache.spark.util.Utils" in text and "NativeCodeLoader" in text


def test_the_driver_jvm_is_started_with_it(spark):
    options = spark.sparkContext.getConf().get("spark.driver.extraJavaOptions")
    assert f"-Dlog4j2.configurationFile={LOG_CONFIG.as_uri()}" in options
