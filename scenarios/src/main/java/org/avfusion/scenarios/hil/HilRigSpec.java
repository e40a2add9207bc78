package org.avfusion.scenarios.hil;

import static org.avfusion.calibration.yaml.Bounds.requireInRange;
import static org.avfusion.calibration.yaml.Bounds.requireNonBlank;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.calibration.yaml.BindException;
import org.avfusion.calibration.yaml.BoundsException;
import org.avfusion.calibration.yaml.YamlBinder;
import org.avfusion.drivers.lidar.velodyne.VelodyneModel;

/**
 * How a HIL rig reaches the runtime under test ({@code --rig FILE}; without one, {@link #LOOPBACK}, which matches
 * {@code config/hil-loopback.yaml}). A port of 0 turns that interface off. Every number is range-checked at load.
 *
 * @param vehicleId            the runtime's {@code vehicle.id}: its topics are {@code avfusion/<id>/...}
 * @param brokerPort           MQTT broker on the target host
 * @param lidarSensor          the lidar's sensor name in the runtime's profile and in scenario faults
 * @param lidarModel           HDL32 or VLP16: the packets the rig writes
 * @param lidarPort            UDP port the runtime's lidar source listens on (target host)
 * @param lidarPositionPort    UDP port for Velodyne position packets ($GPRMC), 0 for none
 * @param gnssSensor           the GNSS receiver's sensor name
 * @param nmeaTcpPort          TCP port the rig serves NMEA on (the runtime's NMEA_TCP source connects), 0 for none
 * @param nmeaUdpPort          UDP port on the target the rig sends NMEA to (NMEA_UDP source), 0 for none
 * @param cameraSensor         the camera's sensor name
 * @param cameraHttpPort       TCP port the rig serves the camera on as MJPEG over HTTP ({@code /camera.mjpg}; the
 *                             runtime's FFmpeg camera source reads {@code http://RIG:PORT/camera.mjpg}), 0 for none
 * @param imuSensor            the IMU's sensor name
 * @param imuUdpPort           UDP port on the target the rig sends avfusion IMU datagrams to (IMU_UDP source), 0 for
 *                             none
 * @param connectTimeoutSeconds how long to wait for the broker and for the runtime to connect, s
 * @param settleSeconds        how long to keep listening after the last packet, s
 */
public record HilRigSpec(String vehicleId, Integer brokerPort, String lidarSensor, VelodyneModel lidarModel,
        Integer lidarPort, Integer lidarPositionPort, String gnssSensor, Integer nmeaTcpPort, Integer nmeaUdpPort,
        String cameraSensor, Integer cameraHttpPort, String imuSensor, Integer imuUdpPort,
        Double connectTimeoutSeconds, Double settleSeconds) {

    /** The rig of {@code config/hil-loopback.yaml}. */
    public static final HilRigSpec LOOPBACK = new HilRigSpec(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    public HilRigSpec {
        vehicleId = requireNonBlank("vehicleId", vehicleId != null ? vehicleId : "hil-loopback", "hil-loopback");
        brokerPort = requireInRange("brokerPort", brokerPort != null ? brokerPort : 1883, 1, 65_535, "");
        lidarSensor = requireNonBlank("lidarSensor", lidarSensor != null ? lidarSensor : "lidar_top", "lidar_top");
        lidarModel = lidarModel != null ? lidarModel : VelodyneModel.HDL32;
        lidarPort = requireInRange("lidarPort", lidarPort != null ? lidarPort : 2368, 0, 65_535, "");
        lidarPositionPort = requireInRange("lidarPositionPort", lidarPositionPort != null ? lidarPositionPort : 0, 0,
                65_535, "");
        gnssSensor = requireNonBlank("gnssSensor", gnssSensor != null ? gnssSensor : "gnss", "gnss");
        nmeaTcpPort = requireInRange("nmeaTcpPort", nmeaTcpPort != null ? nmeaTcpPort : 10110, 0, 65_535, "");
        nmeaUdpPort = requireInRange("nmeaUdpPort", nmeaUdpPort != null ? nmeaUdpPort : 0, 0, 65_535, "");
        cameraSensor = requireNonBlank("cameraSensor", cameraSensor != null ? cameraSensor : "camera_front",
                "camera_front");
        cameraHttpPort = requireInRange("cameraHttpPort", cameraHttpPort != null ? cameraHttpPort : 0, 0, 65_535, "");
        imuSensor = requireNonBlank("imuSensor", imuSensor != null ? imuSensor : "imu", "imu");
        imuUdpPort = requireInRange("imuUdpPort", imuUdpPort != null ? imuUdpPort : 0, 0, 65_535, "");
        connectTimeoutSeconds = requireInRange("connectTimeoutSeconds",
                connectTimeoutSeconds != null ? connectTimeoutSeconds : 20.0, 0.1, 600, "s");
        settleSeconds = requireInRange("settleSeconds", settleSeconds != null ? settleSeconds : 2.0, 0, 600, "s");
        if (lidarPort == 0 && nmeaTcpPort == 0 && nmeaUdpPort == 0 && cameraHttpPort == 0 && imuUdpPort == 0) {
            throw new BoundsException("lidarPort", "every interface is off (lidarPort, nmeaTcpPort and nmeaUdpPort"
                    + " are 0); set at least one port");
        }
    }

    /** The sensors this rig streams, by name. */
    public List<String> sensors() {
        List<String> s = new ArrayList<>();
        if (lidarPort > 0) {
            s.add(lidarSensor);
        }
        if (nmeaTcpPort > 0 || nmeaUdpPort > 0) {
            s.add(gnssSensor);
        }
        if (cameraHttpPort > 0) {
            s.add(cameraSensor);
        }
        if (imuUdpPort > 0) {
            s.add(imuSensor);
        }
        return List.copyOf(s);
    }

    public HilRigSpec withPorts(int lidar, int nmeaTcp, int broker) {
        return new HilRigSpec(vehicleId, broker, lidarSensor, lidarModel, lidar, lidarPositionPort, gnssSensor,
                nmeaTcp, nmeaUdpPort, cameraSensor, cameraHttpPort, imuSensor, imuUdpPort, connectTimeoutSeconds,
                settleSeconds);
    }

    public HilRigSpec withImuPort(int imu) {
        return new HilRigSpec(vehicleId, brokerPort, lidarSensor, lidarModel, lidarPort, lidarPositionPort, gnssSensor,
                nmeaTcpPort, nmeaUdpPort, cameraSensor, cameraHttpPort, imuSensor, imu, connectTimeoutSeconds,
                settleSeconds);
    }

    /** Loads a rig file strictly: the keys of this record at the top level. */
    public static HilRigSpec load(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new HilInputException("--rig: file " + file.toAbsolutePath() + " not found");
        }
        try {
            JsonNode tree = YamlBinder.readTree(Files.readString(file), name);
            return YamlBinder.bind(tree, HilRigSpec.class, name, "", true);
        } catch (IOException e) {
            throw new HilInputException(name + ": cannot read: " + e.getMessage(), e);
        } catch (BindException e) {
            throw new HilInputException(e.getMessage(), e);
        }
    }
}
