/**
 * Voxel keys and the table that indexes them, shared by the algorithms that grid a sweep (the cluster stage's voxel
 * grid and Euclidean clustering, the odometry's subsampling): packed integer cell indices as {@code long} keys, and
 * an open-addressing table from key to a small int that a pass empties in O(1). Pure data structures: no I/O,
 * threads or frames.
 */
package org.avfusion.runtime.voxel;
