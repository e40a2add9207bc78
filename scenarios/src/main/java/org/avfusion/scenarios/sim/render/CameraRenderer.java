package org.avfusion.scenarios.sim.render;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import org.avfusion.calibration.camera.PinholeIntrinsics;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.scenarios.sim.world.Road;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Paints a pinhole camera view of the scene with OpenCV into a pooled {@link CameraImage}: sky, grass, the road
 * surface and its edge lines as strips along the centreline, then the boxes' visible faces far to near (painter's
 * algorithm). Every polygon is clipped at the near plane in camera space, projected with
 * {@link PinholeIntrinsics}, then clipped to a guard band around the image so OpenCV only sees small
 * coordinates. Shading is flat per face; there is no lighting model or noise.
 *
 * <p>Draws straight into the image's direct buffer through a {@link Mat} header made once per pooled image.
 * Apart from that first header a frame does not allocate. Not thread-safe; {@link #close()} frees the native
 * headers.
 */
public final class CameraRenderer implements AutoCloseable {
    private static final double NEAR_METERS = 0.1;
    private static final double ROAD_BEHIND_METERS = 5;
    private static final double ROAD_AHEAD_METERS = 150;
    private static final double ROAD_STEP_METERS = 2;
    private static final double GROUND_HALF_SIZE_METERS = 2000;
    private static final int SHIFT = 3;
    private static final int MAX_VERTICES = 16;
    private static final double[][] FACE_NORMALS = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}};
    /** Corner signs (length, width, height) of each face in {@link #FACE_NORMALS} order. */
    private static final int[][][] FACE_CORNERS = {
        {{1, -1, -1}, {1, 1, -1}, {1, 1, 1}, {1, -1, 1}},
        {{-1, 1, -1}, {-1, -1, -1}, {-1, -1, 1}, {-1, 1, 1}},
        {{1, 1, -1}, {-1, 1, -1}, {-1, 1, 1}, {1, 1, 1}},
        {{-1, -1, -1}, {1, -1, -1}, {1, -1, 1}, {-1, -1, 1}},
        {{-1, -1, 1}, {1, -1, 1}, {1, 1, 1}, {-1, 1, 1}}};
    private static final double[] FACE_SHADE = {0.85, 0.85, 0.7, 0.7, 1.0};

    /**
     * Loads the renderer's native libraries (OpenCV core and imgproc through JavaCPP, about half a second on a cold
     * JVM) on a daemon thread, so that a caller can overlap it with its own start-up (parsing, connecting) before it
     * builds the first renderer. Idempotent and safe to skip: the first renderer loads them anyway (class
     * initialisation waits for a load in progress).
     */
    public static void preloadNatives() {
        Thread t = new Thread(() -> {
            try {
                org.bytedeco.javacpp.Loader.load(org.bytedeco.opencv.global.opencv_imgproc.class);
            } catch (RuntimeException | LinkageError e) {
                // the renderer's own construction reports it
            }
        }, "avfusion-opencv-preload");
        t.setDaemon(true);
        t.start();
    }

    private final PinholeIntrinsics intrinsics;
    private final Road road;
    private final OrientedBoxes boxes;
    private final double[][] mountRotation;
    private final MountPose mount;
    private final Map<CameraImage, Mat> headers = new IdentityHashMap<>();
    private final Point points = new Point(MAX_VERTICES);
    private final Scalar sky = new Scalar(235, 206, 150, 0);
    private final Scalar[][] faceColours = new Scalar[Material.values().length][FACE_SHADE.length];
    private final Scalar[] flatColours = new Scalar[Material.values().length];
    // scratch polygons: camera-space 3D, then image-space 2D
    private final double[] inX = new double[MAX_VERTICES];
    private final double[] inY = new double[MAX_VERTICES];
    private final double[] inZ = new double[MAX_VERTICES];
    private final double[] clipX = new double[MAX_VERTICES];
    private final double[] clipY = new double[MAX_VERTICES];
    private final double[] clipZ = new double[MAX_VERTICES];
    private final double[] u = new double[MAX_VERTICES];
    private final double[] v = new double[MAX_VERTICES];
    private final double[] u2 = new double[MAX_VERTICES];
    private final double[] v2 = new double[MAX_VERTICES];
    private final double[] left = new double[4];
    private final double[] right = new double[4];
    private final double[] roadPose = new double[4];
    private final int[] order;
    private final double[] depth;
    private double camX;
    private double camY;
    private double camZ;
    private double cosYaw;
    private double sinYaw;
    private double egoX;
    private double egoY;

    public CameraRenderer(PinholeIntrinsics intrinsics, MountPose mount, Road road, OrientedBoxes boxes) {
        this.intrinsics = Objects.requireNonNull(intrinsics, "intrinsics");
        this.mount = Objects.requireNonNull(mount, "mount");
        this.road = Objects.requireNonNull(road, "road");
        this.boxes = Objects.requireNonNull(boxes, "boxes");
        this.mountRotation = LidarSweepRenderer.rotation(mount.rollRad(), mount.pitchRad(), mount.yawRad());
        for (Material m : Material.values()) {
            flatColours[m.ordinal()] = new Scalar(m.blue(), m.green(), m.red(), 0);
            for (int f = 0; f < FACE_SHADE.length; f++) {
                double k = FACE_SHADE[f];
                faceColours[m.ordinal()][f] = new Scalar(m.blue() * k, m.green() * k, m.red() * k, 0);
            }
        }
        order = new int[boxes.cx.length];
        depth = new double[boxes.cx.length];
    }

    public PinholeIntrinsics intrinsics() {
        return intrinsics;
    }

    /**
     * Renders the view from the ego pose (world x, y, yaw of base_link) with the boxes as they are now, with the
     * road drawn from {@code egoSMeters} - 5 m to + 150 m along the centreline.
     */
    public void render(double egoXMeters, double egoYMeters, double egoYawRad, double egoSMeters, CameraImage out) {
        int w = intrinsics.widthPixels();
        int h = intrinsics.heightPixels();
        ByteBuffer buffer = out.prepare(w, h);
        Mat mat = headers.computeIfAbsent(out, image -> new Mat(h, w, CV_8UC3, new BytePointer(buffer)));
        egoX = egoXMeters;
        egoY = egoYMeters;
        cosYaw = Math.cos(egoYawRad);
        sinYaw = Math.sin(egoYawRad);
        camX = egoXMeters + cosYaw * mount.xMeters() - sinYaw * mount.yMeters();
        camY = egoYMeters + sinYaw * mount.xMeters() + cosYaw * mount.yMeters();
        camZ = mount.zMeters();

        mat.put(sky);
        double g = GROUND_HALF_SIZE_METERS;
        quad(mat, flatColours[Material.GROUND.ordinal()],
                camX - g, camY - g, 0, camX + g, camY - g, 0, camX + g, camY + g, 0, camX - g, camY + g, 0);
        drawRoad(mat, egoSMeters);
        drawBoxes(mat);
    }

    private void drawRoad(Mat mat, double egoS) {
        double half = road.widthMeters() / 2;
        double lineOut = half - RoadSurface.LINE_INSET_METERS + RoadSurface.LINE_WIDTH_METERS / 2;
        double lineIn = lineOut - RoadSurface.LINE_WIDTH_METERS;
        Scalar surface = flatColours[Material.ROAD.ordinal()];
        Scalar marking = flatColours[Material.LANE_MARKING.ordinal()];
        // far to near, so nearer strips overdraw farther ones where a bend folds the view
        for (double s = egoS + ROAD_AHEAD_METERS; s > egoS - ROAD_BEHIND_METERS; s -= ROAD_STEP_METERS) {
            double s0 = s - ROAD_STEP_METERS;
            road.poseAt(s0, left);
            road.poseAt(s, right);
            strip(mat, surface, -half, half);
            strip(mat, marking, lineIn, lineOut);
            strip(mat, marking, -lineOut, -lineIn);
        }
    }

    /** Quad between lateral offsets a and b across the strip from pose {@code left} to pose {@code right}. */
    private void strip(Mat mat, Scalar colour, double a, double b) {
        double n0x = -Math.sin(left[Road.HEADING]);
        double n0y = Math.cos(left[Road.HEADING]);
        double n1x = -Math.sin(right[Road.HEADING]);
        double n1y = Math.cos(right[Road.HEADING]);
        quad(mat, colour,
                left[Road.X] + a * n0x, left[Road.Y] + a * n0y, 0,
                right[Road.X] + a * n1x, right[Road.Y] + a * n1y, 0,
                right[Road.X] + b * n1x, right[Road.Y] + b * n1y, 0,
                left[Road.X] + b * n0x, left[Road.Y] + b * n0y, 0);
    }

    private void drawBoxes(Mat mat) {
        int n = boxes.size();
        for (int i = 0; i < n; i++) {
            order[i] = i;
            depth[i] = Math.hypot(boxes.cx[i] - camX, boxes.cy[i] - camY);
        }
        for (int i = 1; i < n; i++) {
            int k = order[i];
            int j = i - 1;
            while (j >= 0 && depth[order[j]] < depth[k]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = k;
        }
        for (int o = 0; o < n; o++) {
            int i = order[o];
            double c = boxes.cosYaw[i];
            double s = boxes.sinYaw[i];
            double hl = boxes.halfLength[i];
            double hw = boxes.halfWidth[i];
            double hh = boxes.halfHeight[i];
            for (int f = 0; f < FACE_NORMALS.length; f++) {
                double[] nl = FACE_NORMALS[f];
                double nx = c * nl[0] - s * nl[1];
                double ny = s * nl[0] + c * nl[1];
                double nz = nl[2];
                double fx = boxes.cx[i] + nx * Math.abs(nl[0] * hl + nl[1] * hw);
                double fy = boxes.cy[i] + ny * Math.abs(nl[0] * hl + nl[1] * hw);
                double fz = boxes.cz[i] + nz * hh;
                if (nx * (camX - fx) + ny * (camY - fy) + nz * (camZ - fz) <= 0) {
                    continue;
                }
                int[][] corners = FACE_CORNERS[f];
                for (int k = 0; k < 4; k++) {
                    double lx = corners[k][0] * hl;
                    double ly = corners[k][1] * hw;
                    toCamera(k, boxes.cx[i] + c * lx - s * ly, boxes.cy[i] + s * lx + c * ly,
                            boxes.cz[i] + corners[k][2] * hh);
                }
                fill(mat, faceColours[boxes.material[i].ordinal()][f], 4);
            }
        }
    }

    private void quad(Mat mat, Scalar colour, double x0, double y0, double z0, double x1, double y1, double z1,
            double x2, double y2, double z2, double x3, double y3, double z3) {
        toCamera(0, x0, y0, z0);
        toCamera(1, x1, y1, z1);
        toCamera(2, x2, y2, z2);
        toCamera(3, x3, y3, z3);
        fill(mat, colour, 4);
    }

    /** World point to camera optical frame (x right, y down, z forward) into scratch vertex {@code k}. */
    private void toCamera(int k, double wx, double wy, double wz) {
        double dx = wx - egoX;
        double dy = wy - egoY;
        double bx = cosYaw * dx + sinYaw * dy - mount.xMeters();
        double by = -sinYaw * dx + cosYaw * dy - mount.yMeters();
        double bz = wz - mount.zMeters();
        double[][] r = mountRotation;
        double mx = r[0][0] * bx + r[1][0] * by + r[2][0] * bz;
        double my = r[0][1] * bx + r[1][1] * by + r[2][1] * bz;
        double mz = r[0][2] * bx + r[1][2] * by + r[2][2] * bz;
        inX[k] = -my;
        inY[k] = -mz;
        inZ[k] = mx;
    }

    /** Clips the scratch polygon at the near plane, projects it, clips it to the guard band and fills it. */
    private void fill(Mat mat, Scalar colour, int count) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            int j = (i + 1) % count;
            boolean inI = inZ[i] >= NEAR_METERS;
            boolean inJ = inZ[j] >= NEAR_METERS;
            if (inI) {
                clipX[n] = inX[i];
                clipY[n] = inY[i];
                clipZ[n] = inZ[i];
                n++;
            }
            if (inI != inJ) {
                double t = (NEAR_METERS - inZ[i]) / (inZ[j] - inZ[i]);
                clipX[n] = inX[i] + t * (inX[j] - inX[i]);
                clipY[n] = inY[i] + t * (inY[j] - inY[i]);
                clipZ[n] = NEAR_METERS;
                n++;
            }
        }
        if (n < 3) {
            return;
        }
        for (int i = 0; i < n; i++) {
            u[i] = intrinsics.projectU(clipX[i], clipZ[i]);
            v[i] = intrinsics.projectV(clipY[i], clipZ[i]);
        }
        double w = intrinsics.widthPixels();
        double h = intrinsics.heightPixels();
        n = clip2d(u, v, n, u2, v2, 0, -w);
        n = clip2d(u2, v2, n, u, v, 1, 2 * w);
        n = clip2d(u, v, n, u2, v2, 2, -h);
        n = clip2d(u2, v2, n, u, v, 3, 2 * h);
        if (n < 3) {
            return;
        }
        for (int i = 0; i < n; i++) {
            points.position(i).x((int) Math.round(u[i] * (1 << SHIFT))).y((int) Math.round(v[i] * (1 << SHIFT)));
        }
        points.position(0);
        opencv_imgproc.fillConvexPoly(mat, points, n, colour, opencv_imgproc.LINE_8, SHIFT);
    }

    /** Sutherland-Hodgman against one guard-band edge: 0 u >= limit, 1 u <= limit, 2 v >= limit, 3 v <= limit. */
    private static int clip2d(double[] su, double[] sv, int count, double[] du, double[] dv, int edge, double limit) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            int j = (i + 1) % count;
            double ci = edge < 2 ? su[i] : sv[i];
            double cj = edge < 2 ? su[j] : sv[j];
            boolean inI = (edge % 2 == 0) ? ci >= limit : ci <= limit;
            boolean inJ = (edge % 2 == 0) ? cj >= limit : cj <= limit;
            if (inI && n < MAX_VERTICES) {
                du[n] = su[i];
                dv[n] = sv[i];
                n++;
            }
            if (inI != inJ && n < MAX_VERTICES) {
                double t = (limit - ci) / (cj - ci);
                du[n] = su[i] + t * (su[j] - su[i]);
                dv[n] = sv[i] + t * (sv[j] - sv[i]);
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        for (Mat m : headers.values()) {
            m.close();
        }
        headers.clear();
        points.close();
    }
}
