package org.micasim.realms.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the build's version and the specifications it implements. */
final class MicaVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = MicaVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "mica-sim " + (version == null ? "dev" : version),
            "RMM specification 1.0-REL0 (Arm DEN0137) with the Mica extensions",
        };
    }
}
