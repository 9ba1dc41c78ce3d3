/**
 * Parsing (mica.md 4.2): the {@link org.micasim.policy.parse.PolicyParser} facade hides ANTLR, stops at the first syntax error without repairing the input, rejects oversized and over-nested input before parsing, and gives keys their meaning in {@code PolicyReader}. Diagnostics are collected, never thrown.
 */
package org.micasim.policy.parse;
