/**
 * Pipeline files: loading every realm's policy, and the cross-realm agreement rules the RMM applies at upload (mica.md 4.6), run in upload order before deployment.
 */
package org.micasim.policy.pipeline;
