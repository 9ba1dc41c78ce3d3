package org.micasim.realms.workload;

/** What a realm program sees of its realm: its ports, its parameters and the cost of its work. */
public interface RealmContext {
    /** The port called {@code name}, as the program's {@link ProgramSpec} declares it. */
    MessagePort port(String name);

    /** The numeric parameter {@code name} (the scenario's value, else the program's default). */
    long parameter(String name);

    /** Charges {@code instructions} of computation. */
    void compute(long instructions);
}
