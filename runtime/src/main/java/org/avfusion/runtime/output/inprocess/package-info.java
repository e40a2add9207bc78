/**
 * The in-process {@link org.avfusion.runtime.output.OutputChannel}: no broker, no port, no global state, so many
 * replays can run side by side in one JVM (tests, fleet replay). May depend on {@code output} only.
 */
package org.avfusion.runtime.output.inprocess;
