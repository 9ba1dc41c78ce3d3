/**
 * The RMM's application binary interface, the Java counterpart of TF-RMM's {@code smc-rmi.h} and
 * {@code smc-rsi.h}: function IDs ({@link org.micasim.rmm.abi.RmiCommand},
 * {@link org.micasim.rmm.abi.RsiCommand}), status codes ({@link org.micasim.rmm.abi.RmiStatus},
 * {@link org.micasim.rmm.abi.RmiReturn}, {@link org.micasim.rmm.abi.RsiStatus},
 * {@link org.micasim.rmm.abi.PsciReturn}) and byte-exact codecs of the structures exchanged through
 * memory ({@link org.micasim.rmm.abi.RmiRealmParams}, {@link org.micasim.rmm.abi.RmiRecParams},
 * {@link org.micasim.rmm.abi.RmiRecRun}). Everything here is immutable or a fresh value; nothing holds
 * machine state, so hosts, scripts and tests may use it freely.
 *
 * <p>Spec: Arm DEN0137 1.0-rel0 §B4.4 (RMI types), §B5.4 (RSI types).
 */
package org.micasim.rmm.abi;
