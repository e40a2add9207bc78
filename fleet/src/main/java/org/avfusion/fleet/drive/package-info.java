/**
 * One drive of a fleet replay, without Spark: the list of drives ({@link org.avfusion.fleet.drive.DriveList}), the
 * configurations compared ({@link org.avfusion.fleet.drive.ReplayConfiguration}), and the replay of one drive under
 * both with its comparison ({@link org.avfusion.fleet.drive.DriveReplay}). Plain Java over
 * {@code runtime.replay}; every value here is {@link java.io.Serializable} so that Spark can ship it.
 */
package org.avfusion.fleet.drive;
