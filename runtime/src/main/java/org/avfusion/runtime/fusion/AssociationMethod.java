package org.avfusion.runtime.fusion;

import org.avfusion.runtime.assign.Assignment;
import org.avfusion.runtime.assign.GreedyAssignment;
import org.avfusion.runtime.assign.HungarianAssignment;

/** How clusters are matched to detections on the IoU of their image boxes. */
public enum AssociationMethod {
    /** Highest IoU first (Autoware's roi_cluster_fusion). */
    GREEDY,
    /** The assignment of least total {@code 1 - IoU} (Kuhn-Munkres). */
    HUNGARIAN;

    Assignment newSolver() {
        return this == GREEDY ? new GreedyAssignment() : new HungarianAssignment();
    }

    /** Parses {@code greedy} or {@code hungarian} (any case). */
    public static AssociationMethod parse(String s) {
        for (AssociationMethod m : values()) {
            if (m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("association method must be greedy or hungarian, was '" + s + "'");
    }
}
