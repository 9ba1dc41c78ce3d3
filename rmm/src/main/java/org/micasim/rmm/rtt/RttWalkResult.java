package org.micasim.rmm.rtt;

/**
 * Where an RTT walk stopped: the level and the RTT (by PA) holding the entry, the entry's index and its
 * value.
 *
 * @spec Arm DEN0137 1.0-rel0 §B3 RttWalk
 */
public record RttWalkResult(int level, long rttPa, int index, long entry) {
    /** The PA of the entry itself. */
    public long entryPa() {
        return rttPa + 8L * index;
    }

    /** The state of the entry. */
    public S2tteState state() {
        return S2tte.state(entry, level);
    }
}
