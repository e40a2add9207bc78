package org.avfusion.drivers.map;

/**
 * Both ends of a route are on roads but no car route joins them (different islands of the network, or one-way
 * streets that lead only out of one end's area). The message names both coordinates.
 */
public final class NoRouteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoRouteException(String message) {
        super(message);
    }
}
