/**
 * {@code avfusion detect}: runs a camera detector over image files and prints one JSON line per detection, optionally
 * writing the images with their boxes drawn. A thin command over {@code runtime.inference.CameraDetector}; depends on
 * picocli, OpenCV's image codecs and the inference and detection packages.
 */
package org.avfusion.runtime.cli.detect;
