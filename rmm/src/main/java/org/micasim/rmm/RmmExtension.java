package org.micasim.rmm;

/**
 * An RMM extension (Mica), installed once at boot after the standard commands are registered. It may
 * register extra RMI and RSI commands in the dispatch tables ({@link RmmState#rmi()},
 * {@link RmmState#rsi()}), add realm lifecycle listeners ({@link RmmState#addLifecycleListener}) and
 * realm exit filters ({@link RmmState#addExitFilter}).
 */
public interface RmmExtension {
    /** Installs the extension into a freshly booted RMM. */
    void install(RmmState rmm);
}
