package org.avfusion.drivers.recorded.mcap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: writes small MCAP files and reads every message of one. */
final class McapFiles {
    private McapFiles() {
    }

    /** One message read back: channel topic, sequence, log time, bytes. */
    record Read(String topic, long sequence, long logTimeNanos, long publishTimeNanos, byte[] data) {
    }

    /**
     * Writes {@code messages} messages on three channels (/a, /b with one schema, /c schemaless), log times
     * 1000 + 10 i ns, payload "m<i>" padded to 1..200 bytes, plus one metadata record and one attachment.
     */
    static Path write(Path file, McapWriterConfig config, int messages) throws IOException {
        try (McapWriter writer = McapWriter.create(file, config)) {
            int schema = writer.addSchema("test_msgs/msg/Text", "ros2msg", "string data".getBytes(
                    StandardCharsets.UTF_8));
            int a = writer.addChannel("/a", "cdr", schema, Map.of("offered_qos_profiles", ""));
            int b = writer.addChannel("/b", "cdr", schema, Map.of());
            int c = writer.addChannel("/c", "json", 0, Map.of());
            writer.writeMetadata("rig", Map.of("vehicle", "test", "lidar", "vlp16"));
            int[] channels = {a, b, c, a};
            for (int i = 0; i < messages; i++) {
                writer.writeMessage(channels[i % 4], i, 1000 + 10L * i, 999 + 10L * i, payload(i), 0,
                        payload(i).length);
                if (i == messages / 2) {
                    writer.writeAttachment(5000, 4000, "calib.yaml", "application/yaml",
                            "fx: 1".getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return file;
    }

    static byte[] payload(int i) {
        byte[] bytes = new byte[1 + (i * 37) % 200];
        byte[] text = ("m" + i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, Math.min(text.length, bytes.length));
        for (int k = text.length; k < bytes.length; k++) {
            bytes[k] = (byte) (i + k);
        }
        return bytes;
    }

    static List<Read> readAll(McapReader reader) throws IOException {
        List<Read> out = new ArrayList<>();
        McapMessage m = new McapMessage();
        while (reader.next(m)) {
            out.add(new Read(m.channel().topic(), m.sequence(), m.logTimeNanos(), m.publishTimeNanos(),
                    m.copyData()));
        }
        return out;
    }

    static Map<String, Long> countByTopic(List<Read> reads) {
        Map<String, Long> counts = new TreeMap<>();
        for (Read r : reads) {
            counts.merge(r.topic(), 1L, Long::sum);
        }
        return counts;
    }
}
