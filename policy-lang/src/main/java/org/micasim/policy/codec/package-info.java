/**
 * The POLY v1 payload (mica.md 4.5): compiler from checked syntax trees, encoder, decoder (rejecting what the RMM rejects, naming the offset) and decompiler to canonical source. Pure functions, no state.
 */
package org.micasim.policy.codec;
