package org.avfusion.calibration.geometry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Named coordinate frames joined by rigid transforms into one tree rooted at a frame (normally
 * {@code base_link}). Each non-root frame has exactly one parent and its pose in it ({@code parentFromChild});
 * {@link #lookup(String, String)} answers "where is {@code source} in {@code target}" for any two frames.
 *
 * <p>Frame names are lower-case identifiers ({@value #FRAME_NAME_PATTERN}). Immutable and thread-safe once
 * built; {@code lookup} allocates one small transform, so call it at set-up and keep the result on hot paths.
 */
public final class TransformTree {

    /** The vehicle body frame: x forward, y left, z up, origin on the ground below the rear axle. */
    public static final String BASE_LINK = "base_link";

    /** What a frame name must look like. */
    public static final String FRAME_NAME_PATTERN = "[a-z][a-z0-9_]{0,63}";

    private static final Pattern FRAME_NAME = Pattern.compile(FRAME_NAME_PATTERN);

    private final String root;
    private final Map<String, String> parentOf;
    private final Map<String, RigidTransform> parentFromChild;
    private final Map<String, RigidTransform> rootFromFrame;

    private TransformTree(String root, Map<String, String> parentOf, Map<String, RigidTransform> parentFromChild,
            Map<String, RigidTransform> rootFromFrame) {
        this.root = root;
        this.parentOf = Collections.unmodifiableMap(parentOf);
        this.parentFromChild = Collections.unmodifiableMap(parentFromChild);
        this.rootFromFrame = Collections.unmodifiableMap(rootFromFrame);
    }

    /** Starts a tree with the given root frame. */
    public static Builder builder(String rootFrame) {
        return new Builder(rootFrame);
    }

    /** Throws when {@code name} is not a valid frame name; {@code field} names where it came from. */
    public static String requireFrameName(String field, String name) {
        if (name == null || !FRAME_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " must be a frame name matching " + FRAME_NAME_PATTERN
                    + ", was " + (name == null ? "missing" : "'" + name + "'"));
        }
        return name;
    }

    public String root() {
        return root;
    }

    /** All frames, root first, then in insertion order. */
    public Set<String> frames() {
        return rootFromFrame.keySet();
    }

    public boolean contains(String frame) {
        return rootFromFrame.containsKey(frame);
    }

    /** The parent of a frame, or {@code null} for the root. */
    public String parentOf(String frame) {
        requireKnown(frame);
        return parentOf.get(frame);
    }

    /** The pose of {@code frame} in its parent ({@code parentFromChild}); identity for the root. */
    public RigidTransform parentFromChild(String frame) {
        requireKnown(frame);
        return parentFromChild.getOrDefault(frame, RigidTransform.identity());
    }

    /**
     * {@code targetFromSource}: maps coordinates in {@code source} into {@code target}; equivalently, the pose of
     * {@code source} expressed in {@code target}.
     *
     * @throws IllegalArgumentException naming the unknown frame and the known ones
     */
    public RigidTransform lookup(String target, String source) {
        requireKnown(target);
        requireKnown(source);
        if (target.equals(source)) {
            return RigidTransform.identity();
        }
        return rootFromFrame.get(target).inverse().compose(rootFromFrame.get(source));
    }

    private void requireKnown(String frame) {
        if (!rootFromFrame.containsKey(frame)) {
            throw new IllegalArgumentException("unknown frame '" + frame + "'; the tree has " + rootFromFrame.keySet());
        }
    }

    @Override
    public String toString() {
        return "TransformTree[root=" + root + ", frames=" + rootFromFrame.keySet() + "]";
    }

    /** Collects {@code parentFromChild} edges; {@link #build()} checks they form one tree. Not thread-safe. */
    public static final class Builder {
        private final String root;
        private final Map<String, String> parentOf = new LinkedHashMap<>();
        private final Map<String, RigidTransform> parentFromChild = new LinkedHashMap<>();

        private Builder(String root) {
            this.root = requireFrameName("root frame", root);
        }

        /**
         * Adds {@code child} with its pose in {@code parent}. Parents may be added later.
         *
         * @throws IllegalArgumentException for a bad name, the root as a child, or a frame given twice
         */
        public Builder add(String parent, String child, RigidTransform parentFromChildTransform) {
            requireFrameName("parent frame", parent);
            requireFrameName("child frame", child);
            if (child.equals(root)) {
                throw new IllegalArgumentException("the root frame '" + root + "' cannot have a parent ('" + parent + "')");
            }
            if (parentOf.containsKey(child)) {
                throw new IllegalArgumentException("frame '" + child + "' is given twice (parents '"
                        + parentOf.get(child) + "' and '" + parent + "')");
            }
            if (parentFromChildTransform == null) {
                throw new IllegalArgumentException("frame '" + child + "' has no transform to its parent '" + parent + "'");
            }
            parentOf.put(child, parent);
            parentFromChild.put(child, parentFromChildTransform);
            return this;
        }

        /**
         * @throws IllegalArgumentException when a parent is never defined or frames form a cycle (not reaching
         *                                  the root); the message names the frame
         */
        public TransformTree build() {
            Map<String, RigidTransform> rootFromFrame = new LinkedHashMap<>();
            rootFromFrame.put(root, RigidTransform.identity());
            for (String frame : parentOf.keySet()) {
                resolve(frame, rootFromFrame, 0);
            }
            return new TransformTree(root, new LinkedHashMap<>(parentOf), new LinkedHashMap<>(parentFromChild),
                    rootFromFrame);
        }

        private RigidTransform resolve(String frame, Map<String, RigidTransform> done, int depth) {
            RigidTransform known = done.get(frame);
            if (known != null) {
                return known;
            }
            if (depth > parentOf.size()) {
                throw new IllegalArgumentException("frames form a cycle through '" + frame + "': none of them reaches '"
                        + root + "'");
            }
            String parent = parentOf.get(frame);
            if (parent == null) {
                throw new IllegalArgumentException("frame '" + frame + "' is used as a parent but never defined and is"
                        + " not the root '" + root + "'");
            }
            RigidTransform rootFromFrame = resolve(parent, done, depth + 1).compose(parentFromChild.get(frame));
            done.put(frame, rootFromFrame);
            return rootFromFrame;
        }
    }
}
