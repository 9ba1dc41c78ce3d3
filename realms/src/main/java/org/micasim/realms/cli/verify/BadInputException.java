package org.micasim.realms.cli.verify;

/** A file or flag the verifier cannot use: missing, unreadable or malformed (exit status 2). */
final class BadInputException extends Exception {
    BadInputException(String message) {
        super(message);
    }
}
