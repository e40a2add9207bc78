/**
 * Assignment of rows to columns of a cost matrix with forbidden pairs (gated association): the optimal
 * {@link org.avfusion.runtime.assign.HungarianAssignment} (Kuhn-Munkres) and the
 * {@link org.avfusion.runtime.assign.GreedyAssignment}. Plain Java over caller-owned arrays, no allocation once grown;
 * depends on nothing else of the runtime.
 */
package org.avfusion.runtime.assign;
