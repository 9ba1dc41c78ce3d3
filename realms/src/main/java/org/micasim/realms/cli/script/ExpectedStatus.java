package org.micasim.realms.cli.script;

import java.util.Objects;
import java.util.OptionalInt;
import org.micasim.rmm.abi.RmiReturn;
import org.micasim.rmm.abi.RmiStatus;

/** The STATUS of an {@code expect}: what X0 of the last smc must be. */
public sealed interface ExpectedStatus {

    /** True when X0 satisfies this expectation. */
    boolean matches(long x0);

    /**
     * An RMI status by name, with the index when the script gave one ({@code RMI_ERROR_RTT(2)}); without an
     * index any index matches. Bits 63:16 of X0 must be zero, as for every RmiCommandReturnCode.
     */
    record Rmi(RmiStatus status, OptionalInt index) implements ExpectedStatus {
        public Rmi {
            Objects.requireNonNull(status, "status is null");
            Objects.requireNonNull(index, "index is null");
        }

        @Override
        public boolean matches(long x0) {
            return RmiReturn.unpack(x0)
                    .filter(r -> r.status() == status)
                    .filter(r -> index.isEmpty() || r.index() == index.getAsInt())
                    .isPresent();
        }

        @Override
        public String toString() {
            return index.isPresent() ? status.name() + "(" + index.getAsInt() + ")" : status.name();
        }
    }

    /** An exact X0 value, written as a number or as {@code SMC_NOT_SUPPORTED}. */
    record Exact(long x0) implements ExpectedStatus {
        @Override
        public boolean matches(long actual) {
            return actual == x0;
        }

        @Override
        public String toString() {
            return RmiReturn.format(x0);
        }
    }
}
