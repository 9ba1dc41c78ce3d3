package org.micasim.rmm.mica;

/**
 * An activation step: the uploader's level-3 entry at {@code ipa}, mapped to its dummy page until now,
 * is rewritten to map shared page {@code pa} with {@code prot}, then the IPA is invalidated in the TLB.
 */
public record SharedRemap(long ipa, long pa, Prot prot) {
}
