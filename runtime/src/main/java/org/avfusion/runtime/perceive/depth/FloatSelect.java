package org.avfusion.runtime.perceive.depth;

/** In-place order statistics on a float range (Hoare's selection), allocation-free unlike {@code Arrays.sort}. */
final class FloatSelect {
    private FloatSelect() {
    }

    /**
     * The {@code q}-quantile (0..1, nearest rank) of {@code a[from, to)}; reorders that range. NaN when it is empty.
     */
    static float quantile(float[] a, int from, int to, double q) {
        int n = to - from;
        if (n <= 0) {
            return Float.NaN;
        }
        int k = from + (int) Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))));
        return select(a, from, to - 1, k);
    }

    /** The value that would sit at index {@code k} if {@code a[lo..hi]} were sorted. */
    static float select(float[] a, int lo, int hi, int k) {
        while (lo < hi) {
            float pivot = a[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}
