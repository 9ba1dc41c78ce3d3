package org.micasim.realms.scenario;

/**
 * A scenario that cannot be used, with a message that names the file and where in it (line:col when
 * the JSON parser knows it, else the path of the field, e.g. {@code realms[1].recs}).
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message, null, false, false);
    }
}
