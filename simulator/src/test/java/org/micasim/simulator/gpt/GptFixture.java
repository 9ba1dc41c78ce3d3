package org.micasim.simulator.gpt;

import java.util.ArrayList;
import java.util.List;
import org.micasim.simulator.memory.MemoryMap;
import org.micasim.simulator.memory.PhysicalMemory;
import org.micasim.simulator.timing.EventKind;
import org.micasim.simulator.timing.EventSink;

/** A GPT initialised as at boot over the default platform, with one GPT cache and recorded TLBIs. */
final class GptFixture implements GptInvalidation {
    final MemoryMap map;
    final PhysicalMemory memory;
    final GptRegisters registers = new GptRegisters();
    final GranuleProtectionCheck gpc;
    final GptTransitions transitions;
    final GptCache cache = new GptCache(1024);
    final List<String> tlbis = new ArrayList<>();
    final List<EventKind> events = new ArrayList<>();
    final EventSink sink = (k, a) -> events.add(k);

    GptFixture() {
        this(MemoryMap.defaultPlatform());
    }

    GptFixture(MemoryMap map) {
        this.map = map;
        this.memory = new PhysicalMemory(map);
        this.gpc = new GranuleProtectionCheck(memory, registers);
        this.transitions = new GptTransitions(memory, gpc, this, 0);
        transitions.initialise(sink);
        tlbis.clear();
        events.clear();
    }

    /** PA of the level-0 entry for {@code pa}. */
    long l0EntryPa(long pa) {
        return registers.l0Base() + (pa >>> 30) * 8;
    }

    /** PA of the level-1 word for {@code pa}. */
    long l1EntryPa(long pa) {
        long l0 = memory.read64(l0EntryPa(pa));
        return (l0 & GptDescriptor.L0_TABLE_ADDR_MASK) + ((pa >>> 16) & 0x3FFF) * 8;
    }

    long l1(long pa) {
        return memory.read64(l1EntryPa(pa));
    }

    @Override
    public void paall(int pe) {
        tlbis.add("PAALL");
        cache.invalidateAll();
    }

    @Override
    public void paallos() {
        tlbis.add("PAALLOS");
        cache.invalidateAll();
    }

    @Override
    public void rpalos(long operand) {
        TlbiPaOperand op = TlbiPaOperand.decode(operand);
        tlbis.add(String.format("RPALOS 0x%x+0x%x", op.base(), op.bytes()));
        cache.invalidateRange(op.base(), op.bytes());
    }

    @Override
    public void rpaos(long operand) {
        TlbiPaOperand op = TlbiPaOperand.decode(operand);
        tlbis.add(String.format("RPAOS 0x%x+0x%x", op.base(), op.bytes()));
        cache.invalidateRange(op.base(), op.bytes());
    }
}
