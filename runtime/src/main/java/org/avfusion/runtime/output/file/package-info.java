/**
 * The decision stream as a file: one JSON line per decision, in the order the decisions were made
 * ({@code avfusion replay --decisions FILE.jsonl}), written with Jackson. Depends on {@code runtime.plan},
 * {@code runtime.align} and {@code runtime.stage} (the listener it implements); no MQTT, no ring.
 */
package org.avfusion.runtime.output.file;
