/**
 * Graphviz export of a pipeline's flow graph.
 */
package org.micasim.policy.graph;
