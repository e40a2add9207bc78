/**
 * The fleet replay as an Apache Spark job: one task per drive ({@code drive.DriveReplay}), Parquet tables of
 * decisions, per-drive summaries and baseline/candidate changes, and the changed-drives report. May depend on
 * Spark and {@code fleet.drive}; no replay logic lives here.
 */
package org.avfusion.fleet.spark;
