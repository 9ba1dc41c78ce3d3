package org.micasim.rmm.mica;

/**
 * Result codes of policy validation and activation: the published validator's PVAL codes 0..-9
 * (mica.md §4.6) and one mica-sim code for identities bound to measurements (docs/mica.md).
 */
public enum ValidationCode {
    /** PVAL_OK. */
    OK(0),
    /** PVAL_EARGS -1: no uploader in the policy, or a memory object that resolves no realm. */
    EARGS(-1),
    /** PVAL_ENOMEM_NOTFOUND -2: the first memory object of that name is not PROTECTED. */
    ENOMEM_NOTFOUND(-2),
    /** PVAL_EPEERLIST_EMPTY -3: defined by the published validator, never returned (by either). */
    EPEERLIST_EMPTY(-3),
    /** PVAL_ECFG_MISMATCH -4: peers' policies disagree (objects, mappings, VM flags, control transfers). */
    ECFG_MISMATCH(-4),
    /** PVAL_ESGT_CONFLICT -5: two named realms map different PAs at the same page of an object. */
    ESGT_CONFLICT(-5),
    /** PVAL_ESGT_COVERAGE -6: a named realm lacks an SGT entry for a page, or the object size is invalid. */
    ESGT_COVERAGE(-6),
    /** PVAL_ESGT_RD_ILLEGAL -7: an object page is mapped by a realm the policy does not admit. */
    ESGT_RD_ILLEGAL(-7),
    /** PVAL_EWRITEBACK -8: the policy could not be written to the descriptor (none registered, or empty). */
    EWRITEBACK(-8),
    /** PVAL_ESGT -9: the SGT could not be loaded from its granules. */
    ESGT(-9),
    /** -10 (mica-sim): an identity is bound to another realm, or a realm's RIM is not the one expected. */
    EIDENTITY(-10);

    private final int code;

    ValidationCode(int code) {
        this.code = code;
    }

    /** The numeric code. */
    public int code() {
        return code;
    }
}
