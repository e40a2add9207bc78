package org.avfusion.runtime.ring;

import org.avfusion.runtime.track.TrackSnapshot;

import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.occupancy.ObstacleList;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.perceive.ObstacleScan;
import org.avfusion.runtime.perceive.depth.ModelDepthImage;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.plan.Decision;

/**
 * One preallocated ring slot. A producer writes the input part (a frame, or a clock tick); each stage then writes its
 * own part in order: align fills {@link #set} when this event released one, perceive attaches a {@link #scan}, fuse
 * a grid {@link #grid snapshot} and {@link #obstacles}, decide a {@link #decision}. The clearing handler, last,
 * releases every pooled reference the slot holds and nulls the rest.
 *
 * <p>Fields are written by exactly one stage and read by later ones; the Disruptor's sequence barriers order them.
 */
public final class FrameEvent {
    /** What the producer put in the slot. */
    public enum Type {
        EMPTY,
        FRAME,
        TICK
    }

    Type type = Type.EMPTY;
    int sensorIndex = -1;
    FrameHeader header;
    Payload payload;
    long arrivalNanos;
    long wallNanos;

    final AlignedSet set;
    ObstacleScan scan;
    OccupancyGrid grid;
    final ObstacleList obstacles;
    final DetectionList detections;
    Decision decision;
    org.avfusion.runtime.route.RouteStatus route;
    boolean perceptionSkipped;
    TrackSnapshot tracks;
    ModelDepthImage modelDepth;

    FrameEvent(int sensorCount, int maxObstacles) {
        this(sensorCount, maxObstacles, MAX_DETECTIONS);
    }

    FrameEvent(int sensorCount, int maxObstacles, int maxDetections) {
        this.set = new AlignedSet(sensorCount);
        this.obstacles = new ObstacleList(maxObstacles);
        this.detections = new DetectionList(maxDetections);
    }

    /** Camera detections one slot keeps (a detector keeps at most this many per image). */
    public static final int MAX_DETECTIONS = 128;

    void setFrame(int sensor, FrameHeader h, Payload p, long arrival, long wall) {
        type = Type.FRAME;
        sensorIndex = sensor;
        header = h;
        payload = p;
        arrivalNanos = arrival;
        wallNanos = wall;
    }

    void setTick(long vehicleNanos, long wall) {
        type = Type.TICK;
        sensorIndex = -1;
        header = null;
        payload = null;
        arrivalNanos = vehicleNanos;
        wallNanos = wall;
    }

    /** Releases every pooled reference and empties the slot. */
    void clear() {
        if (payload instanceof PooledPayload pooled) {
            pooled.release();
        }
        payload = null;
        header = null;
        type = Type.EMPTY;
        set.releasePayloads();
        if (scan != null) {
            scan.release();
            scan = null;
        }
        if (grid != null) {
            grid.release();
            grid = null;
        }
        if (tracks != null) {
            tracks.release();
            tracks = null;
        }
        if (modelDepth != null) {
            modelDepth.release();
            modelDepth = null;
        }
        decision = null;
        route = null;
        perceptionSkipped = false;
        detections.clear();
    }

    public Type type() {
        return type;
    }

    public int sensorIndex() {
        return sensorIndex;
    }

    public FrameHeader header() {
        return header;
    }

    public Payload payload() {
        return payload;
    }

    public long arrivalNanos() {
        return arrivalNanos;
    }

    public long wallNanos() {
        return wallNanos;
    }

    public AlignedSet set() {
        return set;
    }

    public ObstacleScan scan() {
        return scan;
    }

    public void scan(ObstacleScan s) {
        this.scan = s;
    }

    public OccupancyGrid grid() {
        return grid;
    }

    public void grid(OccupancyGrid g) {
        this.grid = g;
    }

    public ObstacleList obstacles() {
        return obstacles;
    }

    /** Detections of the set's camera image, empty when detection is off or no image was in the set. */
    public DetectionList detections() {
        return detections;
    }

    /** The set's confirmed tracks in base_link, or null when tracking did not run on it. */
    public TrackSnapshot tracks() {
        return tracks;
    }

    public void tracks(TrackSnapshot t) {
        this.tracks = t;
    }

    /** The depth model's metric depth of the set's camera image, or null when no depth model ran on it. */
    public ModelDepthImage modelDepth() {
        return modelDepth;
    }

    public void modelDepth(ModelDepthImage d) {
        this.modelDepth = d;
    }

    public Decision decision() {
        return decision;
    }

    public void decision(Decision d) {
        this.decision = d;
    }

    /** The route side of the decision (map in the loop), or null when no map is configured. */
    public org.avfusion.runtime.route.RouteStatus route() {
        return route;
    }

    public void route(org.avfusion.runtime.route.RouteStatus r) {
        this.route = r;
    }

    public boolean perceptionSkipped() {
        return perceptionSkipped;
    }

    public void perceptionSkipped(boolean skipped) {
        this.perceptionSkipped = skipped;
    }

    /** One line naming what the slot carries, for error logs. */
    public String describe() {
        if (type == Type.FRAME && header != null) {
            return "sensor=" + header.sensor() + " seq=" + header.sequence() + " stampNanos=" + header.stampNanos();
        }
        if (type == Type.TICK) {
            return "tick vehicleNanos=" + arrivalNanos;
        }
        return "empty slot";
    }
}
