package org.micasim.policy.ast;

/** A node of a policy or pipeline syntax tree; every node knows where it came from. */
public sealed interface PolicyNode
        permits Policy, VmDecl, MemDecl, Mapping, CfDecl, PipelineFile, RealmEntry, FlowAssertion {
    SourceSpan span();
}
