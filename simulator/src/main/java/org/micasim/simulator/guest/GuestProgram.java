package org.micasim.simulator.guest;

/**
 * The code a realm vCPU runs at R-EL1, written in Java against {@link GuestCpu}. It runs on the vCPU's
 * own thread, but only while the vCPU is inside {@link RealmVcpu#run()}: each trap suspends it. When it
 * returns, the vCPU powers the realm off (see docs/platform.md).
 */
@FunctionalInterface
public interface GuestProgram {
    void run(GuestCpu cpu);
}
