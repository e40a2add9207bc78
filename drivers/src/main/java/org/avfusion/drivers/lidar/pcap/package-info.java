/**
 * Recorded lidar captures: the classic libpcap file reader (both byte orders, micro- and nanosecond magic), the
 * Ethernet / IPv4 / UDP parser (fragments rejected and counted), and {@link
 * org.avfusion.drivers.lidar.pcap.PcapLidarSource}, a {@link org.avfusion.drivers.source.RecordedSource} that
 * replays a capture's scans with their recorded time. The parser is a pure algorithm; the reader and the source
 * do file I/O. Depends on {@code drivers.lidar} and its sensor sub-packages.
 */
package org.avfusion.drivers.lidar.pcap;
