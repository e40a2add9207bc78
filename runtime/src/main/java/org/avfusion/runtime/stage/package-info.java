/**
 * The ring's stages: thin handlers that unpack a slot, call one algorithm (alignment, ground segmentation, grid
 * update, decision) or the output, write the result back into the slot and record their processing time. No
 * algorithm lives here. Each stage runs on its own thread and owns the algorithm instance it calls.
 */
package org.avfusion.runtime.stage;
