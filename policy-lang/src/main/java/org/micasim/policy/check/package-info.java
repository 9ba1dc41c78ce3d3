/**
 * Semantic rules of one policy and the {@link org.micasim.policy.check.Diagnostic} type shared by every stage; rendered {@code FILE:LINE:COL: error: message}.
 */
package org.micasim.policy.check;
