/**
 * Where the pipeline's products go: the {@link org.avfusion.runtime.output.OutputChannel} the publish stage writes
 * to (MQTT in production, see {@code output.mqtt}), and the JSON encoders ({@code output.json}).
 */
package org.avfusion.runtime.output;
