package org.micasim.rmm.mica;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of validating an uploaded policy: a code, a sentence saying what failed and where, and on
 * success what to commit.
 */
public record ValidationResult(ValidationCode code, String detail, Optional<Activation> activation) {
    public ValidationResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        if ((code == ValidationCode.OK) != activation.isPresent()) {
            throw new IllegalArgumentException("an activation comes with OK and only with OK");
        }
    }

    static ValidationResult fail(ValidationCode code, String detail) {
        return new ValidationResult(code, detail, Optional.empty());
    }

    static ValidationResult ok(Activation activation) {
        return new ValidationResult(ValidationCode.OK, "", Optional.of(activation));
    }

    /** Whether validation succeeded. */
    public boolean ok() {
        return code == ValidationCode.OK;
    }
}
