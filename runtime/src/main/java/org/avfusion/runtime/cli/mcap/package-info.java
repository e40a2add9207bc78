/**
 * {@code avfusion mcap}: tools over MCAP files; {@code mcap info FILE} prints what a file holds as the ecosystem's
 * {@code mcap info} does. A thin command over {@link org.avfusion.drivers.recorded.mcap.McapReader}; depends on
 * {@code org.avfusion.drivers.recorded.mcap} and picocli only.
 */
package org.avfusion.runtime.cli.mcap;
