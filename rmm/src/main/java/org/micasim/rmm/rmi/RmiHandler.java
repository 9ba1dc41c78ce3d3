package org.micasim.rmm.rmi;

/**
 * One RMI command's handler: checks the failure conditions in the spec's order (throwing the first that
 * holds, before any effect), then applies the effects and returns the outputs.
 */
@FunctionalInterface
public interface RmiHandler {
    /** Handles the call; {@code x} holds X0 (the FID) .. X6. */
    RmiResult handle(long[] x) throws RmiError;
}
