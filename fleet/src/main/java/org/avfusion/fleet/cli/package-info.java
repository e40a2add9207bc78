/**
 * {@code avfusion fleet-replay}: the command line of the Spark job ({@link org.avfusion.fleet.cli.FleetReplayMain} is
 * the class {@code spark-submit} runs). May depend on picocli, Spark's session builder and {@code fleet.spark}.
 */
package org.avfusion.fleet.cli;
