package org.avfusion.runtime.perceive.detect;

/** Where a letterboxed image sits inside the model input: YOLOX trains top-left, YOLOv8 centred. */
public enum LetterboxAnchor {
    /** Image at (0, 0), padding on the right and at the bottom (YOLOX's {@code preproc}). */
    TOP_LEFT,
    /** Image centred, padding split between both sides (YOLOv8's {@code LetterBox}). */
    CENTER
}
