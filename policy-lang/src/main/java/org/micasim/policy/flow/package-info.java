/**
 * Information-flow analysis of a pipeline: the graph of who can pass data to whom, simple-path search, flow assertions and the text report of {@code mica policy flows}.
 */
package org.micasim.policy.flow;
