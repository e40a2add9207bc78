/**
 * What every lidar driver shares: the allocation-free {@link org.avfusion.drivers.lidar.LidarPointConsumer}
 * callback decoders write points into, the {@link org.avfusion.drivers.lidar.LidarPacketDecoder} contract, the
 * {@link org.avfusion.drivers.lidar.ScanAssembler} that cuts a revolution into one pooled
 * {@link org.avfusion.drivers.frame.PointCloud}, and the health counters. Depends on {@code drivers.frame},
 * {@code drivers.pool} and {@code drivers.source} only; the sensor families and transports live in sub-packages.
 */
package org.avfusion.drivers.lidar;
