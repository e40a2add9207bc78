package org.avfusion.drivers.pointcloud.io;

/**
 * What a reader does with a point whose x, y, z, intensity or (floating-point) time is NaN or infinite.
 * PCL marks the invalid cells of organized clouds with NaN coordinates, so skipping is the default.
 */
public enum NonFinitePolicy {
    /** Leave the point out of the cloud and count it ({@code nonFinitePointsSkipped}). */
    SKIP_POINT,
    /** Reject the whole file with {@link RejectReason#NON_FINITE}, naming the field and its byte offset. */
    REJECT_FILE
}
