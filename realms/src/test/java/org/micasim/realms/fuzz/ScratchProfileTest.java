package org.micasim.realms.fuzz;

import org.junit.jupiter.api.Test;

class ScratchProfileTest {
    @Test
    void profile() {
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            try (FuzzTarget t = FuzzTarget.standard(1, 7, true).boot(new org.micasim.simulator.guest.GuestProgramRegistry(), false)) {
            }
        }
        long t1 = System.nanoTime();
        System.out.println("boot ms " + (t1 - t0) / 5e6);
        long a = System.nanoTime();
        for (int i = 0; i < 5; i++) { new org.micasim.rmm.attestation.SimulatedPlatform(7); }
        long b = System.nanoTime();
        System.out.println("simplatform ms " + (b - a) / 5e6);
        for (int i = 0; i < 5; i++) { org.micasim.simulator.machine.Machine m = org.micasim.simulator.machine.Machine.builder().memoryMap(org.micasim.realms.platform.DefaultPlatform.memoryMap()).build(); m.boot(); m.close(); }
        long c = System.nanoTime();
        System.out.println("bare machine ms " + (c - b) / 5e6);

        FuzzReport r = new FuzzEngine(FuzzTarget.standard(1, 7, true)).run(20, 1000, 11);
        long t2 = System.nanoTime();
        System.out.println("run ms " + (t2 - t1) / 1e6 + " steps " + r.steps() + " rmi " + r.rmiCalls());
        r.calls().forEach((k, v) -> System.out.println(k + " " + v[0] + " ok " + v[1]));
        System.out.println(r.statuses());
        r.failure().ifPresent(f -> System.out.println(f.detail() + "\n" + f.script()));
    }
}
