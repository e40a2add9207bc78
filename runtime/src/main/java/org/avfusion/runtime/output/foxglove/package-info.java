/**
 * Live view: the recorder's channels served over the Foxglove WebSocket protocol v1 (subprotocol
 * {@code foxglove.websocket.v1}: serverInfo, advertise, subscribe/unsubscribe, binary Message Data), so Foxglove
 * connects to a running vehicle or replay without ROS. Depends on the recorder's channel-sink contract, Java-WebSocket
 * and Jackson.
 */
package org.avfusion.runtime.output.foxglove;
