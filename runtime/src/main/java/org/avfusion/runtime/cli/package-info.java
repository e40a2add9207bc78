/**
 * The {@code avfusion} command line (picocli): {@code replay} (the main job), {@code run} (live), and the tools.
 * Parses arguments, loads config, starts jobs, maps failures to exit codes (2 for bad arguments or config).
 */
package org.avfusion.runtime.cli;
