package org.micasim.realms.workload;

/** The logic of one realm program, written against {@link RealmContext} so it runs in a realm or a test. */
@FunctionalInterface
public interface Workload {
    void run(RealmContext realm);
}
