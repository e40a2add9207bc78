/**
 * Fault injection: {@link org.avfusion.drivers.source.FrameSink} decorators that make a healthy source misbehave the
 * way real sensors do (go silent, deliver out of order, arrive late), placed between a source and the runtime's
 * sink so the runtime is exercised through its real interfaces.
 */
package org.avfusion.scenarios.fault;
