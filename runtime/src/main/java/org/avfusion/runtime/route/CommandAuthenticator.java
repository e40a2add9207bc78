package org.avfusion.runtime.route;

/**
 * SEAM for the reliability/security issue: decides whether a command message comes from a client allowed to command
 * this vehicle. {@link DestinationCommands} asks it before it even parses the payload. Until authentication lands,
 * {@link #ACCEPT_ALL} is the only implementation; replace it with one that checks the MQTT client's identity (TLS
 * client certificate or signed payload).
 */
@FunctionalInterface
public interface CommandAuthenticator {

    /** Accepts every message (no authentication yet). */
    CommandAuthenticator ACCEPT_ALL = (clientId, payload) -> true;

    /**
     * @param clientId the sender as the transport reports it ({@code ""} when unknown)
     * @param payload  the raw message
     */
    boolean authenticated(String clientId, byte[] payload);
}
