package org.avfusion.drivers.recorded.comma2k19;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.avfusion.drivers.can.CanFrame;
import org.avfusion.drivers.can.CanSignalDecoder;
import org.avfusion.drivers.can.CanSignalSpec;
import org.avfusion.drivers.recorded.CollectingSink;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Comma2k19SegmentReader} on ../shared/data/comma2k19/segment-40 (sizes from the data README). */
class Comma2k19SegmentReaderTest {

    @Test
    void readsSegment40() throws Exception {
        Comma2k19Segment seg = Comma2k19SegmentReader.read(CollectingSink.sharedData("comma2k19/segment-40"));
        assertEquals(4974, seg.canSpeed().size());
        assertEquals(4, seg.wheelSpeeds().values()[0].length);
        assertEquals(6256, seg.gyro().size());
        // the accelerometer array is stored in Fortran order: z must read about -9.7 m/s^2 (gravity, z down)
        assertEquals(-9.66, seg.accelerometer().values()[100][2], 0.5);
        assertEquals(579, seg.gnssUblox().size());
        assertEquals(37.72, seg.gnssUblox().values()[0][0], 0.01);
        assertEquals(1200, seg.poseTimesSeconds().length);
        assertEquals(135_468, seg.rawCan().size());
        assertTrue(seg.missing().isEmpty(), seg.missing().toString());
    }

    /**
     * Toyota's SPEED frame (0xB4, opendbc toyota DBC: SPEED 47|16@0+ (0.01,0) kph) decoded from raw_can agrees with
     * the processed CAN speed within 3 %; every other id is counted as unknown.
     */
    @Test
    void decodesTheSpeedFrameFromRawCanAndCountsUnknownIds() throws Exception {
        Comma2k19Segment seg = Comma2k19SegmentReader.read(CollectingSink.sharedData("comma2k19/segment-40"));
        CanSignalDecoder decoder = new CanSignalDecoder(List.of(
                new CanSignalSpec("SPEED", 0xB4, 47, 16, true, false, 0.01 / 3.6, 0)));
        double sumRatio = 0;
        int n = 0;
        for (CanFrame f : seg.rawCan()) {
            if (!f.bus().equals("0")) {
                continue;
            }
            double v = decoder.decode(f);
            if (!Double.isNaN(v) && v > 5) {
                double t = f.stampNanos() * 1e-9;
                double[] ts = seg.canSpeed().timesSeconds();
                int i = Math.max(0, Math.min(ts.length - 1, java.util.Arrays.binarySearch(ts, t) < 0
                        ? -java.util.Arrays.binarySearch(ts, t) - 1 : java.util.Arrays.binarySearch(ts, t)));
                sumRatio += v / seg.canSpeed().values()[i][0];
                n++;
            }
        }
        assertEquals(2487, n);
        assertEquals(1.0, sumRatio / n, 0.03);
        assertTrue(decoder.unknownFrames() > 50_000, "unknown frames " + decoder.unknownFrames());
        assertTrue(decoder.unknownIds().containsKey(0xAA));
        assertTrue(!decoder.unknownIds().containsKey(0xB4));
    }

    @Test
    void folderThatIsNoSegmentIsRefused(@TempDir Path tmp) {
        RecordedDriveException e = assertThrows(RecordedDriveException.class, () -> Comma2k19SegmentReader.read(tmp));
        assertTrue(e.getMessage().contains("not a comma2k19 segment"), e.getMessage());
    }
}
