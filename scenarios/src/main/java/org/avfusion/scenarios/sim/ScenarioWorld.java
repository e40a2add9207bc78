package org.avfusion.scenarios.sim;

import java.util.ArrayList;
import java.util.List;
import org.avfusion.scenarios.sim.render.Material;
import org.avfusion.scenarios.sim.render.OrientedBoxes;
import org.avfusion.scenarios.sim.render.SceneView;
import org.avfusion.scenarios.sim.world.Road;
import org.avfusion.scenarios.sim.world.SpeedProfile;

/**
 * The kinematic world of one scenario: the road, the ego following its centreline with a speed profile, and
 * every actor (pedestrians on straight lines, cars following the road, static boxes). Serves both the ground
 * truth (allocating records) and the renderers (allocation-free {@link SceneView}).
 *
 * <p>The {@link GroundTruth} methods are thread-safe (they allocate their results); the {@link SceneView} methods
 * use scratch arrays and are called from the drive's replay thread only.
 */
final class ScenarioWorld implements GroundTruth, SceneView {
    private static final double NANOS_PER_SECOND = 1e9;

    private final Road road;
    private final double egoStartS;
    private final SpeedProfile egoSpeed;
    private final ClosedLoopEgo closedLoop;
    private final long durationNanos;
    private final int actorCount;
    private final String[] ids;
    private final ActorType[] types;
    private final Material[] materials;
    private final double[] length;
    private final double[] width;
    private final double[] height;
    // pedestrians: line from (ax, ay) heading (dirX, dirY), walk starts at startSeconds, lasts walkSeconds
    // cars: startS in ax, lateral in ay, profile in speeds[i]
    // static: pose in ax, ay, yaw
    private final double[] ax;
    private final double[] ay;
    private final double[] dirX;
    private final double[] dirY;
    private final double[] yaw;
    private final double[] startSeconds;
    private final double[] walkSeconds;
    private final double[] walkSpeed;
    private final SpeedProfile[] speeds;
    // scratch for the SceneView methods, which only the drive's replay thread calls
    private final double[] roadPose = new double[4];
    private final double[] scratchPose = new double[5];
    private final double[] scratchRoad = new double[4];

    ScenarioWorld(ScenarioSpec spec) {
        ScenarioSpec.RoadLayout layout = spec.road();
        int n = layout.segments().size();
        double[] lengths = new double[n];
        double[] curvatures = new double[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = layout.segments().get(i).lengthAlongMeters();
            curvatures[i] = layout.segments().get(i).curvaturePerMeter();
        }
        road = new Road(layout.startXMeters(), layout.startYMeters(), Math.toRadians(layout.startHeadingDeg()),
                layout.widthMeters(), lengths, curvatures);
        egoStartS = spec.ego().startSMeters();
        egoSpeed = profile(spec.ego().speedProfile());
        durationNanos = Math.round(spec.durationSeconds() * NANOS_PER_SECOND);
        closedLoop = spec.ego().closedLoop() ? new ClosedLoopEgo(egoStartS, egoSpeed, durationNanos,
                spec.sensors().lidar().timing().periodNanos(), spec.ego()) : null;

        List<ScenarioSpec.Actor> actors = spec.actors();
        actorCount = actors.size();
        ids = new String[actorCount];
        types = new ActorType[actorCount];
        materials = new Material[actorCount];
        length = new double[actorCount];
        width = new double[actorCount];
        height = new double[actorCount];
        ax = new double[actorCount];
        ay = new double[actorCount];
        dirX = new double[actorCount];
        dirY = new double[actorCount];
        yaw = new double[actorCount];
        startSeconds = new double[actorCount];
        walkSeconds = new double[actorCount];
        walkSpeed = new double[actorCount];
        speeds = new SpeedProfile[actorCount];
        double[] pose = new double[4];
        for (int i = 0; i < actorCount; i++) {
            ScenarioSpec.Actor actor = actors.get(i);
            ids[i] = actor.id();
            if (actor instanceof ScenarioSpec.Pedestrian p) {
                types[i] = ActorType.PEDESTRIAN;
                materials[i] = Material.PEDESTRIAN;
                length[i] = p.lengthMeters();
                width[i] = p.widthMeters();
                height[i] = p.heightMeters();
                ax[i] = p.fromXMeters();
                ay[i] = p.fromYMeters();
                double dx = p.toXMeters() - p.fromXMeters();
                double dy = p.toYMeters() - p.fromYMeters();
                double dist = Math.hypot(dx, dy);
                dirX[i] = dist > 0 ? dx / dist : 1;
                dirY[i] = dist > 0 ? dy / dist : 0;
                yaw[i] = Math.atan2(dirY[i], dirX[i]);
                startSeconds[i] = p.startSeconds();
                walkSpeed[i] = p.speedMetersPerSecond();
                walkSeconds[i] = dist / p.speedMetersPerSecond();
            } else if (actor instanceof ScenarioSpec.Car c) {
                boolean cyclist = c.kind().equals("cyclist");
                types[i] = cyclist ? ActorType.CYCLIST : ActorType.CAR;
                materials[i] = cyclist ? Material.PEDESTRIAN : Material.CAR;
                length[i] = c.lengthMeters();
                width[i] = c.widthMeters();
                height[i] = c.heightMeters();
                ax[i] = c.startSMeters();
                ay[i] = c.lateralMeters();
                speeds[i] = profile(c.speedProfile());
            } else if (actor instanceof ScenarioSpec.Obstacle o) {
                types[i] = ActorType.STATIC;
                materials[i] = o.kind().equals("wall") ? Material.WALL : Material.CAR;
                length[i] = o.lengthMeters();
                width[i] = o.widthMeters();
                height[i] = o.heightMeters();
                road.poseAt(o.sMeters(), pose);
                double h = pose[Road.HEADING];
                ax[i] = pose[Road.X] - Math.sin(h) * o.lateralMeters();
                ay[i] = pose[Road.Y] + Math.cos(h) * o.lateralMeters();
                yaw[i] = h + Math.toRadians(o.yawDeg());
            }
        }
    }

    private static SpeedProfile profile(List<ScenarioSpec.Keyframe> frames) {
        double[] t = new double[frames.size()];
        double[] v = new double[frames.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = frames.get(i).atSeconds();
            v[i] = frames.get(i).speedMetersPerSecond();
        }
        return new SpeedProfile(t, v);
    }

    @Override
    public Road road() {
        return road;
    }

    int actorCount() {
        return actorCount;
    }

    /** Ego arc length along the road at time t. */
    double egoS(long vehicleNanos) {
        if (closedLoop != null) {
            return closedLoop.sAt(vehicleNanos);
        }
        return egoStartS + egoSpeed.distanceAt(vehicleNanos / NANOS_PER_SECOND);
    }

    /** The closed-loop ego, or null when the ego follows its speed profile. */
    ClosedLoopEgo closedLoop() {
        return closedLoop;
    }

    @Override
    public EgoState egoAt(long vehicleNanos) {
        double t = vehicleNanos / NANOS_PER_SECOND;
        double[] pose = new double[4];
        road.poseAt(egoS(vehicleNanos), pose);
        double v = closedLoop != null ? closedLoop.speedAt(vehicleNanos) : egoSpeed.speedAt(t);
        double accel = closedLoop != null ? closedLoop.accelAt(vehicleNanos) : egoSpeed.accelAt(t);
        return new EgoState(pose[Road.X], pose[Road.Y], pose[Road.HEADING], v, v * pose[Road.CURVATURE], accel);
    }

    @Override
    public void egoPose(long vehicleNanos, double[] out) {
        road.poseAt(egoS(vehicleNanos), roadPose);
        out[0] = roadPose[Road.X];
        out[1] = roadPose[Road.Y];
        out[2] = roadPose[Road.HEADING];
    }

    @Override
    public List<ActorState> actorsAt(long vehicleNanos) {
        List<ActorState> states = new ArrayList<>(actorCount);
        double[] pose = new double[5];
        for (int i = 0; i < actorCount; i++) {
            actorPose(i, vehicleNanos, pose, new double[4]);
            states.add(new ActorState(ids[i], types[i], pose[0], pose[1], height[i] / 2, pose[2], length[i], width[i],
                    height[i], pose[3], pose[4]));
        }
        return states;
    }

    @Override
    public void updateBoxes(long vehicleNanos, OrientedBoxes boxes) {
        double[] pose = scratchPose;
        for (int i = 0; i < actorCount; i++) {
            actorPose(i, vehicleNanos, pose, scratchRoad);
            boxes.set(i, pose[0], pose[1], height[i] / 2, pose[2], length[i], width[i], height[i], materials[i]);
        }
    }

    /** Writes x, y, yaw, vx, vy of actor i at time t. */
    private void actorPose(int i, long vehicleNanos, double[] out, double[] roadScratch) {
        double t = vehicleNanos / NANOS_PER_SECOND;
        switch (types[i]) {
            case PEDESTRIAN -> {
                double walked = Math.min(Math.max(t - startSeconds[i], 0), walkSeconds[i]);
                boolean walking = t > startSeconds[i] && t < startSeconds[i] + walkSeconds[i];
                double d = walked * walkSpeed[i];
                out[0] = ax[i] + dirX[i] * d;
                out[1] = ay[i] + dirY[i] * d;
                out[2] = yaw[i];
                out[3] = walking ? dirX[i] * walkSpeed[i] : 0;
                out[4] = walking ? dirY[i] * walkSpeed[i] : 0;
            }
            case CAR, CYCLIST -> {
                road.poseAt(ax[i] + speeds[i].distanceAt(t), roadScratch);
                double h = roadScratch[Road.HEADING];
                double v = speeds[i].speedAt(t);
                out[0] = roadScratch[Road.X] - Math.sin(h) * ay[i];
                out[1] = roadScratch[Road.Y] + Math.cos(h) * ay[i];
                out[2] = h;
                out[3] = v * Math.cos(h);
                out[4] = v * Math.sin(h);
            }
            case STATIC -> {
                out[0] = ax[i];
                out[1] = ay[i];
                out[2] = yaw[i];
                out[3] = 0;
                out[4] = 0;
            }
        }
    }

    @Override
    public long durationNanos() {
        return durationNanos;
    }
}
