package org.micasim.rmm.rmi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.micasim.rmm.rmi.SpecRow.row;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.micasim.rmm.Rmm;
import org.micasim.rmm.RmmConfig;
import org.micasim.rmm.RmmTestbed;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.granule.DramBank;
import org.micasim.simulator.machine.Machine;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.PhysicalAccessException;

/** RMI_GRANULE_DELEGATE / UNDELEGATE (DEN0137 §B4.3.5, §B4.3.6). */
class GranuleCommandsSpecTest {
    private static final int GPI_NS = 0x9;
    private static final int GPI_REALM = 0xB;

    static List<SpecRow> delegateRows() {
        return List.of(
            row("gran_align", "RMI_ERROR_INPUT", f -> new long[] {f.undelegated() + 8}),
            row("gran_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM}),
            row("gran_state (DELEGATED)", "RMI_ERROR_INPUT", f -> new long[] {f.delegated()}),
            row("gran_state (RD)", "RMI_ERROR_INPUT", f -> new long[] {f.rd}),
            row("gran_state (DATA)", "RMI_ERROR_INPUT", f -> new long[] {f.data}));
    }

    static List<SpecRow> undelegateRows() {
        return List.of(
            row("gran_align", "RMI_ERROR_INPUT", f -> new long[] {f.delegated() + 8}),
            row("gran_bound", "RMI_ERROR_INPUT", f -> new long[] {Fixture.NOT_DRAM}),
            row("gran_state (UNDELEGATED)", "RMI_ERROR_INPUT", f -> new long[] {f.undelegated()}),
            row("gran_state (RTT)", "RMI_ERROR_INPUT", f -> new long[] {f.l3}),
            row("gran_state (REC)", "RMI_ERROR_INPUT", f -> new long[] {f.rec}));
    }

    @ParameterizedTest
    @MethodSource("delegateRows")
    void delegate_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_GRANULE_DELEGATE);
    }

    @ParameterizedTest
    @MethodSource("undelegateRows")
    void undelegate_failureConditions(SpecRow r) {
        r.check(RmiCommand.RMI_GRANULE_UNDELEGATE);
    }

    @Test
    void delegate_success_makesGranuleRealmAndHidesItFromHost() {
        try (RmmTestbed t = new RmmTestbed()) {
            long pa = t.granule();
            t.write(pa, new byte[] {1, 2, 3});
            assertEquals(GPI_NS, t.machine.gpiOf(pa));
            t.ok(RmiCommand.RMI_GRANULE_DELEGATE, pa);
            assertEquals(GPI_REALM, t.machine.gpiOf(pa));
            assertThrows(PhysicalAccessException.class, () -> t.host.read(pa, 8));
            assertArrayEquals(new byte[4096], t.machine.peek(pa, 4096), "DELEGATED granules hold zeros");
            t.ok(RmiCommand.RMI_GRANULE_UNDELEGATE, pa);
            assertEquals(GPI_NS, t.machine.gpiOf(pa));
            assertArrayEquals(new byte[4096], t.read(pa, 4096));
        }
    }

    /** gran_gpt: EL3 refuses to delegate a granule whose GPI is not NS (Root SRAM the RMM was told is DRAM). */
    @Test
    void delegate_granGpt_returnsErrorInput() {
        Rmm rmm = new Rmm(RmmConfig.defaults(List.of(new DramBank(MemoryMap.DEFAULT_NS_DRAM.base(),
            MemoryMap.DEFAULT_NS_DRAM.size()), new DramBank(MemoryMap.DEFAULT_ROOT_SRAM.base(), 0x1000))));
        try (Machine m = Machine.builder().firmware(rmm).build()) {
            m.boot();
            long pa = MemoryMap.DEFAULT_ROOT_SRAM.base();
            assertEquals(1, m.host(0).smc(RmiCommand.RMI_GRANULE_DELEGATE.fid(), pa).x0());
            assertEquals(org.micasim.rmm.granule.GranuleState.UNDELEGATED, rmm.state().granules().stateOf(pa));
        }
    }
}
