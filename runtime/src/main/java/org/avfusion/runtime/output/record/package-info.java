/**
 * Recording the runtime's inputs and outputs as Foxglove messages (JSON encoding) for MCAP files and live viewers:
 * a {@link org.avfusion.runtime.output.record.Recorder} fed by a frame-sink tap and an output-channel tee, a bounded
 * queue drained by one writer thread that encodes and fans out to {@link org.avfusion.runtime.output.record.ChannelSink}s
 * (rotating MCAP files with a disk-space floor, the Foxglove WebSocket server). Never blocks the pipeline: what does
 * not fit is dropped and counted. Depends on drivers (frames, MCAP writer, input codec), the output channel and Jackson.
 */
package org.avfusion.runtime.output.record;
