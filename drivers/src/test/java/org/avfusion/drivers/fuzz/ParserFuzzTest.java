package org.avfusion.drivers.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.avfusion.drivers.gnss.gpsd.GpsdJsonParser;
import org.avfusion.drivers.gnss.nmea.NmeaDecoder;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.drivers.lidar.velodyne.VelodyneModel;
import org.avfusion.drivers.lidar.ouster.OusterMetadata;
import org.avfusion.drivers.lidar.pcap.UdpFrameParser;
import org.avfusion.drivers.recorded.kitti.OxtsRecord;

/**
 * Coverage-guided fuzzing (Jazzer) of the parsers that read bytes from the network: the contract under test is the
 * house rule that bad per-frame input is counted, never thrown out of a parser. Any exception is a finding.
 *
 * <p>In a plain {@code mvn test} (CI) Jazzer runs in regression mode: each method runs once per file of its seed
 * corpus ({@code src/test/resources/org/avfusion/drivers/fuzz/ParserFuzzTestInputs/<method>/}, tiny generated
 * inputs) and on past findings kept there. A fuzzing run is {@code JAZZER_FUZZ=1 mvn -o -pl drivers test
 * -Dtest=ParserFuzzTest#nmeaSentence} (one method per run; {@code maxDuration} bounds it; findings are written
 * next to the corpus as {@code crash-*} files, which then run as regression inputs).
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void nmeaSentence(byte[] input) {
        NmeaDecoder decoder = new NmeaDecoder();
        for (String line : new String(input, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            decoder.accept(line);
        }
        decoder.flush();
    }

    @FuzzTest(maxDuration = "60s")
    void gpsdJsonLine(byte[] input) {
        GpsdJsonParser parser = new GpsdJsonParser("fuzz");
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            parser.accept(line);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void velodynePacket(byte[] input) {
        for (VelodyneModel model : VelodyneModel.values()) {
            VelodyneDecoder decoder = new VelodyneDecoder(model, new LidarStats("fuzz"));
            ByteBuffer packet = ByteBuffer.wrap(input);
            decoder.decode(packet, 0, input.length, (t, x, y, z, d, az, el, i, ring, rot) -> { });
            VelodyneDecoder.detectModel(packet, 0, input.length);
        }
    }

    /** Link-layer, IPv4 and UDP headers of a captured frame (pcap): counted, never thrown. */
    @FuzzTest(maxDuration = "60s")
    void pcapUdpFrame(byte[] input) {
        UdpFrameParser parser = new UdpFrameParser(new LidarStats("fuzz"));
        ByteBuffer frame = ByteBuffer.wrap(input);
        for (int linkType : new int[] {1, 101, 113}) {
            parser.parse(linkType, frame, 0, input.length);
        }
    }

    /** A KITTI OXTS line: the documented outcome of bad text is an IllegalArgumentException naming the field. */
    @FuzzTest(maxDuration = "60s")
    void kittiOxtsLine(byte[] input) {
        try {
            OxtsRecord.parse(new String(input, StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException expected) {
            // documented: names the field and the text
        }
    }

    /** Ouster metadata JSON: bad text is an IllegalArgumentException naming the field. */
    @FuzzTest(maxDuration = "60s")
    void ousterMetadataJson(byte[] input) {
        try {
            OusterMetadata.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException expected) {
            // documented: names the field
        }
    }
}
