package org.avfusion.runtime.perceive.detect;

/** The 80 COCO detection class names in the order the COCO-trained YOLOX, NanoDet and YOLOv8 models emit them. */
public final class CocoClasses {
    public static final int COUNT = 80;

    private static final String[] NAMES = {
        "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
        "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
        "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
        "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
        "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
        "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
        "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
        "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear",
        "hair drier", "toothbrush"
    };

    private CocoClasses() {
    }

    /** The COCO name of a class index, or {@code class_<i>} for an index a non-COCO model emits. */
    public static String name(int index) {
        return index >= 0 && index < NAMES.length ? NAMES[index] : "class_" + index;
    }
}
