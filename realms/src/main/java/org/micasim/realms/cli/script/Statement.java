package org.micasim.realms.cli.script;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RmiRealmParams;
import org.micasim.rmm.abi.RmiRecParams;

/**
 * One executable line of a parsed script. Values are already resolved ({@code let} and {@code $NAME} are
 * gone), so executing a statement cannot fail for a reason the parser could have seen.
 */
public sealed interface Statement {

    /** 1-based line the statement came from, for runtime messages. */
    int line();

    /** The SMCCC result registers a script can see: X0 (status) and X1..X4. */
    int RESULT_REGISTERS = 4;

    /**
     * {@code smc FID [ARG...]}: an SMC from the Non-secure host.
     *
     * @param command the RMI command the FID selects, empty for a FID the RMM does not implement
     */
    record Smc(int line, long fid, Optional<RmiCommand> command, List<Long> args) implements Statement {
        public Smc {
            Objects.requireNonNull(command, "command is null");
            args = List.copyOf(args);
        }

        /** The output registers worth printing and checking: the command's results, or all of X1..X4. */
        public int resultCount() {
            return command.map(RmiCommand::resultCount).orElse(RESULT_REGISTERS);
        }

        /** {@code NAME(0x1, 0x2)}: the command's spec name when the FID is exactly its FID, else the FID in hex. */
        public String callText() {
            String name = command.filter(c -> c.fid() == fid).map(Enum::name).orElse(String.format("0x%x", fid));
            return args.stream().map(a -> String.format("0x%x", a)).collect(Collectors.joining(", ", name + "(", ")"));
        }
    }

    /** {@code expect STATUS [xN=VALUE ...]}: checks the X0 and output registers of the previous smc. */
    record Expect(int line, ExpectedStatus status, List<RegisterValue> registers) implements Statement {
        public Expect {
            Objects.requireNonNull(status, "status is null");
            registers = List.copyOf(registers);
        }
    }

    /** One {@code xN=VALUE} of an expect. */
    record RegisterValue(int register, long value) {
        @Override
        public String toString() {
            return String.format("x%d=0x%x", register, value);
        }
    }

    /** {@code realm-params PA key=value ...}: the 4096-byte RmiRealmParams image written to NS memory at PA. */
    record WriteRealmParams(int line, long pa, RmiRealmParams params) implements Statement {
        public WriteRealmParams {
            Objects.requireNonNull(params, "params is null");
        }
    }

    /** {@code rec-params PA key=value ...}: the 4096-byte RmiRecParams image written to NS memory at PA. */
    record WriteRecParams(int line, long pa, RmiRecParams params) implements Statement {
        public WriteRecParams {
            Objects.requireNonNull(params, "params is null");
        }
    }

    /** {@code write PA HEXBYTES}: a Non-secure write of the bytes at PA. */
    record WriteMemory(int line, long pa, HexBytes bytes) implements Statement {
        public WriteMemory {
            Objects.requireNonNull(bytes, "bytes is null");
        }
    }

    /** {@code expect-mem PA HEXBYTES}: a Non-secure read at PA must return exactly these bytes. */
    record ExpectMemory(int line, long pa, HexBytes bytes) implements Statement {
        public ExpectMemory {
            Objects.requireNonNull(bytes, "bytes is null");
        }
    }

    /** {@code expect-fault PA}: a one-byte Non-secure read at PA must fault (granule protection fault or no memory). */
    record ExpectFault(int line, long pa) implements Statement {}
}
