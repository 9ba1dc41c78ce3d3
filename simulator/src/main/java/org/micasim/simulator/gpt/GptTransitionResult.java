package org.micasim.simulator.gpt;

/**
 * Outcome of a granule transition, as TF-A gpt_delegate_pas / gpt_undelegate_pas return it
 * (0, -EINVAL, -EPERM); the monitor turns it into E_RMM_OK, E_RMM_BAD_ADDR or E_RMM_BAD_PAS.
 */
public enum GptTransitionResult {
    /** Done (0). */
    OK,
    /** Bad address, size, caller or a PA not mapped through a level-0 table (-EINVAL). */
    INVALID,
    /** The granule's current GPI does not allow the transition (-EPERM). */
    DENIED
}
