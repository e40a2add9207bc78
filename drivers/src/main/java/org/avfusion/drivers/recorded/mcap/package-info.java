/**
 * The MCAP container format (https://mcap.dev/spec, major version 0): {@link
 * org.avfusion.drivers.recorded.mcap.McapWriter} writes chunked files (none, zstd or lz4 frame compression) with
 * message indexes, a summary section (schemas, channels, statistics, chunk, attachment and metadata indexes),
 * summary offsets and the data section and summary CRCs, so that other tools can seek; {@link
 * org.avfusion.drivers.recorded.mcap.McapReader} reads files written by any conforming writer, through the summary
 * when there is one and by a linear scan otherwise. Plain I/O on one thread; no knowledge of what the messages
 * encode. Depends on the JDK, zstd-jni and lz4-java only.
 */
package org.avfusion.drivers.recorded.mcap;
