/**
 * Syntax trees of policies and pipeline files: immutable records implementing the sealed {@link org.micasim.policy.ast.PolicyNode}, each with a {@link org.micasim.policy.ast.SourceSpan}; absent source keys are empty {@code Optional}s. Also the closed vocabularies (prot, types, policies) with their POLY v1 codes. Compare trees without locations through {@code withoutSpans()}.
 */
package org.micasim.policy.ast;
