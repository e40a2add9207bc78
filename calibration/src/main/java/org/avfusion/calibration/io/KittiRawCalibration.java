package org.avfusion.calibration.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.geometry.TransformTree;
import org.avfusion.calibration.projection.ProjectionMatrix;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.calibration.rig.RigSensor;
import org.avfusion.calibration.rig.SensorType;
import org.avfusion.calibration.time.ClockOffset;

/**
 * The KITTI raw calibration of one day (a {@code YYYY_MM_DD/} folder): {@code calib_cam_to_cam.txt} (per camera
 * 00..03: unrectified intrinsics {@code K_xx}, distortion {@code D_xx}, pose {@code R_xx, T_xx} relative to
 * camera 00, rectification {@code R_rect_xx}, rectified projection {@code P_rect_xx}, sizes {@code S_xx,
 * S_rect_xx}), {@code calib_velo_to_cam.txt} ({@code R, T}: Velodyne to camera 00) and
 * {@code calib_imu_to_velo.txt} ({@code R, T}: OXTS IMU to Velodyne). Metres and pixels. See Geiger et al.,
 * "Vision meets Robotics: The KITTI Dataset", IJRR 2013.
 *
 * @param cameras      cameras 00..03
 * @param cam0FromVelo calib_velo_to_cam.txt
 * @param veloFromImu  calib_imu_to_velo.txt
 */
public record KittiRawCalibration(List<Camera> cameras, RigidTransform cam0FromVelo, RigidTransform veloFromImu) {

    /** The files in a raw calibration folder. */
    public static final String CAM_TO_CAM = "calib_cam_to_cam.txt";
    public static final String VELO_TO_CAM = "calib_velo_to_cam.txt";
    public static final String IMU_TO_VELO = "calib_imu_to_velo.txt";

    /**
     * Height of the OXTS IMU above the road in the KITTI recording platform (Geiger et al. 2013, Fig. 3), used to
     * put {@code base_link} on the road below it.
     */
    public static final double IMU_HEIGHT_METERS = 0.93;

    public KittiRawCalibration {
        if (cameras == null || cameras.size() != 4) {
            throw new IllegalArgumentException("KITTI raw calibration has 4 cameras (00..03)");
        }
        cameras = List.copyOf(cameras);
    }

    /**
     * One KITTI camera.
     *
     * @param unrectified   K_xx, D_xx at S_xx
     * @param cameraFromCam0 R_xx, T_xx: camera 00 coordinates into this (unrectified) camera
     * @param rectFromCamera R_rect_xx: this camera into its rectified frame (a rotation)
     * @param rectified     P_rect_xx
     * @param rectifiedWidthPixels  S_rect_xx width
     * @param rectifiedHeightPixels S_rect_xx height
     */
    public record Camera(CameraIntrinsics unrectified, RigidTransform cameraFromCam0, RigidTransform rectFromCamera,
            ProjectionMatrix rectified, int rectifiedWidthPixels, int rectifiedHeightPixels) {
    }

    /**
     * Reads the three files from a folder.
     *
     * @throws CalibrationFileException naming the file and the field at fault
     */
    public static KittiRawCalibration read(Path folder) {
        KittiCalibText cc = KittiCalibText.read(folder.resolve(CAM_TO_CAM));
        KittiCalibText vc = KittiCalibText.read(folder.resolve(VELO_TO_CAM));
        KittiCalibText iv = KittiCalibText.read(folder.resolve(IMU_TO_VELO));
        List<Camera> cams = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String n = String.format("%02d", i);
            double[] s = cc.require("S_" + n, 2);
            double[] sr = cc.require("S_rect_" + n, 2);
            int w = size(cc, "S_" + n, s[0]), h = size(cc, "S_" + n, s[1]);
            CameraIntrinsics k;
            try {
                k = CameraIntrinsics.fromCameraMatrix(cc.require("K_" + n, 9), w, h,
                        DistortionCoefficients.ofOpenCv(cc.require("D_" + n, 5)));
            } catch (IllegalArgumentException e) {
                throw CalibrationFileException.of(cc.file(), "K_" + n, e);
            }
            RigidTransform pose = rigid(cc, "R_" + n, "T_" + n);
            RigidTransform rect = KittiObjectCalibration.rotation(cc, "R_rect_" + n);
            ProjectionMatrix p = KittiObjectCalibration.projection(cc, "P_rect_" + n);
            cams.add(new Camera(k, pose, rect, p, size(cc, "S_rect_" + n, sr[0]), size(cc, "S_rect_" + n, sr[1])));
        }
        return new KittiRawCalibration(cams, rigid(vc, "R", "T"), rigid(iv, "R", "T"));
    }

    private static int size(KittiCalibText t, String key, double v) {
        if (!(v >= 1) || v != Math.rint(v)) {
            throw new CalibrationFileException(t.file(), key, "image size must be a positive whole number of pixels, was " + v);
        }
        return (int) v;
    }

    private static RigidTransform rigid(KittiCalibText t, String rKey, String tKey) {
        double[] tr = t.require(tKey, 3);
        try {
            return RigidTransform.of(t.require(rKey, 9), tr[0], tr[1], tr[2]);
        } catch (IllegalArgumentException e) {
            throw CalibrationFileException.of(t.file(), rKey, e);
        }
    }

    /**
     * The object-benchmark form of this calibration: {@code P_i = P_rect_0i}, {@code R0_rect = R_rect_00},
     * {@code Tr_velo_to_cam} and {@code Tr_imu_to_velo} as read. This is how the KITTI object files were made
     * from the raw ones.
     */
    public KittiObjectCalibration toObjectCalibration() {
        List<ProjectionMatrix> p = new ArrayList<>();
        for (Camera c : cameras) {
            p.add(c.rectified());
        }
        return new KittiObjectCalibration(p, cameras.get(0).rectFromCamera(), cam0FromVelo, veloFromImu);
    }

    /**
     * The rig this calibration describes, rooted at {@code base_link} on the road {@value #IMU_HEIGHT_METERS} m
     * below the OXTS IMU (axes as the IMU's: x forward, y left, z up). Frames: {@code oxts} (the IMU and GNSS
     * receiver, sensors {@code oxts_imu} and {@code oxts_gnss} coincide with it), {@code velodyne}, {@code cam0}
     * (unrectified camera 00, the reference of the camera calibration), {@code rect0} (rectified camera 00);
     * cameras {@code image_00..image_03} are the rectified images (no distortion) and {@code raw_image_02,
     * raw_image_03} the unrectified colour cameras with their distortion. Clock offsets are zero (KITTI
     * synchronises by trigger).
     */
    public Rig toRig(String rigName) {
        RigidTransform baseFromImu = RigidTransform.translation(0, 0, IMU_HEIGHT_METERS);
        TransformTree.Builder tree = TransformTree.builder(TransformTree.BASE_LINK)
                .add(TransformTree.BASE_LINK, "oxts", baseFromImu)
                .add("oxts", "oxts_imu", RigidTransform.identity())
                .add("oxts", "oxts_gnss", RigidTransform.identity())
                .add("oxts", "velodyne", veloFromImu.inverse())
                .add("velodyne", "cam0", cam0FromVelo.inverse())
                .add("cam0", "rect0", cameras.get(0).rectFromCamera().inverse());
        List<RigSensor> sensors = new ArrayList<>();
        sensors.add(new RigSensor("velodyne", SensorType.LIDAR, null, ClockOffset.ZERO));
        sensors.add(new RigSensor("oxts_imu", SensorType.IMU, null, ClockOffset.ZERO));
        sensors.add(new RigSensor("oxts_gnss", SensorType.GNSS, null, ClockOffset.ZERO));
        for (int i = 0; i < 4; i++) {
            Camera c = cameras.get(i);
            ProjectionMatrix.Rectified r = c.rectified().decomposeRectified(c.rectifiedWidthPixels(), c.rectifiedHeightPixels());
            String name = String.format("image_%02d", i);
            tree.add("rect0", name, r.cameraFromReference().inverse());
            sensors.add(new RigSensor(name, SensorType.CAMERA, r.intrinsics(), ClockOffset.ZERO));
        }
        for (int i = 2; i < 4; i++) {
            Camera c = cameras.get(i);
            String name = String.format("raw_image_%02d", i);
            tree.add("cam0", name, c.cameraFromCam0().inverse());
            sensors.add(new RigSensor(name, SensorType.CAMERA, c.unrectified(), ClockOffset.ZERO));
        }
        return new Rig(rigName, tree.build(), sensors);
    }
}
