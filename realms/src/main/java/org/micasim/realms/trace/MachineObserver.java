package org.micasim.realms.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.micasim.rmm.abi.RmiCommand;
import org.micasim.rmm.abi.RsiCommand;
import org.micasim.simulator.trace.TraceEvent;
import org.micasim.simulator.trace.TraceListener;

/**
 * Listens to a machine's trace and to the RSI calls realms make, and turns them into run statistics
 * (cycles per world, world switches, RMI and RSI calls by command, GPT transitions, guest cycles per
 * realm) and, when asked, into {@link Slice}s for the Chrome trace: per PE one track for the world the PE
 * is in, one for RMI calls (host SMC to return), one for RSI calls, one for the RMM's own calls to EL3,
 * and one per realm for the time its vCPU runs at R-EL1.
 */
public final class MachineObserver implements TraceListener {
    private static final Pattern FID = Pattern.compile("fid=0x([0-9a-f]+)");
    private static final Pattern VMID = Pattern.compile("vmid=(\\d+)");
    private static final int TID_WORLD = 1;
    private static final int TID_RMI = 2;
    private static final int TID_RSI = 3;
    private static final int TID_EL3 = 4;
    private static final int TID_REALM_BASE = 10;

    private final boolean recordSlices;
    private final Map<Integer, String> realmByVmid = new HashMap<>();
    private final Map<Integer, Integer> realmIndexByVmid = new HashMap<>();
    private final List<Slice> slices = new ArrayList<>();
    private final Map<String, Long> rmiCounts = new TreeMap<>();
    private final Map<String, Long> rsiCounts = new TreeMap<>();
    private final Map<String, Long> gptTransitions = new TreeMap<>();
    private final Map<String, Long> guestCycles = new TreeMap<>();
    private final Map<Integer, PeState> pes = new HashMap<>();
    private long worldSwitches;
    private long nsCycles;
    private long realmCycles;

    /** Per-PE open intervals. */
    private static final class PeState {
        boolean inRealmWorld;
        long worldSince;
        long rmiStart = -1;
        String rmiName;
        long el3Start = -1;
        String el3Name;
        long rsiStart = -1;
        String rsiName;
        long guestStart = -1;
        int guestVmid = -1;
    }

    public MachineObserver(boolean recordSlices) {
        this.recordSlices = recordSlices;
    }

    /** Names the realm whose stage 2 uses {@code vmid}, as {@code index} in the run's realm order. */
    public synchronized void nameRealm(int vmid, int index, String name) {
        realmByVmid.put(vmid, name);
        realmIndexByVmid.put(vmid, index);
    }

    @Override
    public synchronized void onEvent(TraceEvent e) {
        PeState pe = pes.computeIfAbsent(e.pe(), k -> new PeState());
        switch (e.kind()) {
            case WORLD_SWITCH -> worldSwitch(e, pe);
            case SMC_CALL -> smcCall(e, pe);
            case SMC_RETURN -> smcReturn(e, pe);
            case REALM_ENTRY -> realmEntry(e, pe);
            case REALM_EXIT -> realmExit(e, pe);
            case GPT_CHANGE -> gptTransitions.merge(e.detail().split(" ")[0], 1L, Long::sum);
            default -> {
            }
        }
    }

    /** An RSI (or PSCI) call a realm made on {@code pe} at {@code cycle}, seen by the RMM before handling it. */
    public synchronized void rsiCall(int peIndex, long cycle, long fid) {
        String name = RsiCommand.byFid(fid).map(Enum::name).orElse(String.format("SMC 0x%x", fid));
        rsiCounts.merge(name, 1L, Long::sum);
        PeState pe = pes.computeIfAbsent(peIndex, k -> new PeState());
        closeRsi(pe, cycle);
        pe.rsiStart = cycle;
        pe.rsiName = name;
    }

    private void worldSwitch(TraceEvent e, PeState pe) {
        worldSwitches++;
        long spent = e.cycle() - pe.worldSince;
        if (pe.inRealmWorld) {
            realmCycles += spent;
        } else {
            nsCycles += spent;
        }
        slice(e.pe(), TID_WORLD, pe.inRealmWorld ? "Realm world" : "Non-secure world", pe.worldSince, e.cycle(), Map.of());
        pe.worldSince = e.cycle();
        pe.inRealmWorld = e.detail().startsWith("NS -> Realm");
    }

    private void smcCall(TraceEvent e, PeState pe) {
        long fid = fid(e.detail());
        if (e.detail().startsWith("from NS-EL2")) {
            String name = RmiCommand.byFid(fid).map(Enum::name).orElse(String.format("SMC 0x%x", fid));
            rmiCounts.merge(name, 1L, Long::sum);
            pe.rmiStart = e.cycle();
            pe.rmiName = name;
        } else {
            pe.el3Start = e.cycle();
            pe.el3Name = String.format("EL3 call 0x%x", fid);
        }
    }

    private void smcReturn(TraceEvent e, PeState pe) {
        if (e.detail().startsWith("to NS-EL2")) {
            closeRsi(pe, e.cycle());
            if (pe.rmiStart >= 0) {
                slice(e.pe(), TID_RMI, pe.rmiName, pe.rmiStart, e.cycle(), Map.of("return", e.detail().substring(10)));
                pe.rmiStart = -1;
            }
        } else if (pe.el3Start >= 0) {
            slice(e.pe(), TID_EL3, pe.el3Name, pe.el3Start, e.cycle(), Map.of());
            pe.el3Start = -1;
        }
    }

    private void realmEntry(TraceEvent e, PeState pe) {
        closeRsi(pe, e.cycle());
        Matcher m = VMID.matcher(e.detail());
        pe.guestVmid = m.find() ? Integer.parseInt(m.group(1)) : -1;
        pe.guestStart = e.cycle();
    }

    private void realmExit(TraceEvent e, PeState pe) {
        if (pe.guestStart < 0) {
            return;
        }
        String realm = realmByVmid.getOrDefault(pe.guestVmid, "vmid " + pe.guestVmid);
        guestCycles.merge(realm, e.cycle() - pe.guestStart, Long::sum);
        int index = realmIndexByVmid.getOrDefault(pe.guestVmid, 99);
        String[] words = e.detail().split(" ");
        slice(e.pe(), TID_REALM_BASE + index, "guest", pe.guestStart, e.cycle(),
                Map.of("exit", words.length > 1 ? words[1] : "", "realm", realm));
        pe.guestStart = -1;
    }

    private void closeRsi(PeState pe, long cycle) {
        if (pe.rsiStart >= 0) {
            slice(0, TID_RSI, pe.rsiName, pe.rsiStart, Math.max(cycle, pe.rsiStart), Map.of());
            pe.rsiStart = -1;
        }
    }

    private void slice(int pe, int tid, String name, long start, long end, Map<String, String> args) {
        if (!recordSlices || end < start) {
            return;
        }
        String thread = switch (tid) {
            case TID_WORLD -> "world";
            case TID_RMI -> "RMI calls";
            case TID_RSI -> "RSI calls";
            case TID_EL3 -> "RMM calls to EL3";
            default -> "realm " + realmNameByIndex(tid - TID_REALM_BASE);
        };
        slices.add(new Slice(new Track(pe + 1, tid, "PE" + pe, thread), name, start, end, args));
    }

    private String realmNameByIndex(int index) {
        for (Map.Entry<Integer, Integer> e : realmIndexByVmid.entrySet()) {
            if (e.getValue() == index) {
                return realmByVmid.get(e.getKey());
            }
        }
        return "#" + index;
    }

    private static long fid(String detail) {
        Matcher m = FID.matcher(detail);
        return m.find() ? Long.parseUnsignedLong(m.group(1), 16) : -1;
    }

    /** Closes open intervals at {@code cycle} (the end of the run) so that every cycle is counted. */
    public synchronized void finish(int peIndex, long cycle) {
        PeState pe = pes.computeIfAbsent(peIndex, k -> new PeState());
        long spent = cycle - pe.worldSince;
        if (pe.inRealmWorld) {
            realmCycles += spent;
        } else {
            nsCycles += spent;
        }
        slice(peIndex, TID_WORLD, pe.inRealmWorld ? "Realm world" : "Non-secure world", pe.worldSince, cycle, Map.of());
        pe.worldSince = cycle;
    }

    public synchronized List<Slice> slices() {
        return List.copyOf(slices);
    }

    public synchronized Map<String, Long> rmiCounts() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(rmiCounts));
    }

    public synchronized Map<String, Long> rsiCounts() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(rsiCounts));
    }

    public synchronized Map<String, Long> gptTransitions() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(gptTransitions));
    }

    /** Cycles each realm's vCPU ran at R-EL1. */
    public synchronized Map<String, Long> guestCycles() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(guestCycles));
    }

    public synchronized long worldSwitches() {
        return worldSwitches;
    }

    public synchronized long nonSecureCycles() {
        return nsCycles;
    }

    public synchronized long realmWorldCycles() {
        return realmCycles;
    }
}
