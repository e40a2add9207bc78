package org.avfusion.drivers.recorded.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording path that exists but is the wrong kind for the format asked (a bag given to {@code --format sweeps},
 * a KITTI folder given to {@code --format rosbag}) is refused saying so, not "not found".
 */
class RecordingPathsTest {
    @TempDir
    Path temp;

    private static String refusal(RecordingFormat format, Path path) {
        return assertThrows(RecordingFormatException.class, () -> format.open(path, RecordingRequest.defaults()))
                .getMessage();
    }

    @Test
    void folderFormatsGivenAFileSayItIsAFile() throws Exception {
        Path bag = Files.write(temp.resolve("husky.bag"), new byte[] {1, 2, 3});
        for (RecordingFormat f : new RecordingFormat[] {new SweepFolderFormat(), new KittiRawFormat(),
                new DriveFolderFormat()}) {
            assertEquals(bag + ": is a file, not a folder (expected " + f.expects() + ")", refusal(f, bag), f.name());
        }
    }

    @Test
    void fileFormatsGivenAFolderSayItIsAFolder() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("sfnd_sequence_sync"));
        RosbagFormat rosbag = new RosbagFormat();
        assertEquals(folder + ": is a folder, not a ROS bag file (expected " + rosbag.expects() + ")",
                refusal(rosbag, folder));
        for (RecordingFormat f : new RecordingFormat[] {new McapFormat(), new Ros2McapFormat()}) {
            assertEquals(folder + ": is a folder, not an MCAP file (expected " + f.expects() + ")", refusal(f, folder),
                    f.name());
        }
    }

    @Test
    void aMissingPathIsStillNotFound() {
        Path missing = temp.resolve("nothing.bag");
        assertEquals(missing + ": ROS bag not found", refusal(new RosbagFormat(), missing));
    }
}
