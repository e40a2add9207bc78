/**
 * {@code avfusion render FILE.mcap --out bev.mp4}: reads an avfusion recording, builds one bird's-eye-view scene per
 * decision ({@link org.avfusion.runtime.cli.render.RecordingScenes}), draws it with {@code runtime.render} and encodes
 * the video with FFmpeg through JavaCV. Depends on the MCAP reader, the recorder's channel names, the renderer and
 * JavaCV.
 */
package org.avfusion.runtime.cli.render;
