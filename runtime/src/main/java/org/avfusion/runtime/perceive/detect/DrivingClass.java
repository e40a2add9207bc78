package org.avfusion.runtime.perceive.detect;

/**
 * What the driving stack cares about, mapped from the 80 COCO classes: car, truck and bus are {@link #VEHICLE},
 * person is {@link #PEDESTRIAN}, bicycle and motorcycle are {@link #CYCLIST}, plus {@link #TRAFFIC_LIGHT} and
 * {@link #STOP_SIGN}; every other COCO class is {@link #OTHER}.
 */
public enum DrivingClass {
    VEHICLE("vehicle"),
    PEDESTRIAN("pedestrian"),
    CYCLIST("cyclist"),
    TRAFFIC_LIGHT("traffic_light"),
    STOP_SIGN("stop_sign"),
    OTHER("other");

    private static final DrivingClass[] BY_COCO = new DrivingClass[CocoClasses.COUNT];

    static {
        java.util.Arrays.fill(BY_COCO, OTHER);
        BY_COCO[0] = PEDESTRIAN; // person
        BY_COCO[1] = CYCLIST; // bicycle
        BY_COCO[2] = VEHICLE; // car
        BY_COCO[3] = CYCLIST; // motorcycle
        BY_COCO[5] = VEHICLE; // bus
        BY_COCO[7] = VEHICLE; // truck
        BY_COCO[9] = TRAFFIC_LIGHT;
        BY_COCO[11] = STOP_SIGN;
    }

    private final String label;

    DrivingClass(String label) {
        this.label = label;
    }

    /** The lower-case name printed in JSON ({@code vehicle}, {@code traffic_light} ...). */
    public String label() {
        return label;
    }

    /** The driving class of a COCO class index (0..79); indices outside COCO are {@link #OTHER}. */
    public static DrivingClass ofCoco(int cocoIndex) {
        return cocoIndex >= 0 && cocoIndex < BY_COCO.length ? BY_COCO[cocoIndex] : OTHER;
    }
}
