/**
 * Expectations: what the runtime published, recorded from the broker as a real subscriber sees it
 * ({@link org.avfusion.scenarios.expect.MqttRecorder}), in a form tests and the HIL rig can check against ground truth.
 */
package org.avfusion.scenarios.expect;
