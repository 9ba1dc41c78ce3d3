package org.micasim.realms.workload;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.micasim.realms.workload.pipeline.AgenticPipeline;
import org.micasim.realms.workload.pipeline.GuardedInference;
import org.micasim.realms.workload.pipeline.NetworkService;
import org.micasim.realms.workload.pipeline.VideoModeration;

/** Every realm program a scenario can name, by name. */
public final class WorkloadCatalog {
    private final Map<String, ProgramSpec> programs = new TreeMap<>();

    /** The catalog of the four published pipelines' programs. */
    public WorkloadCatalog() {
        for (ProgramSpec p : new ProgramSpec[] {
            NetworkService.client(), NetworkService.gateway(),
            GuardedInference.gateway(), GuardedInference.filter(), GuardedInference.model(),
            VideoModeration.gateway(), VideoModeration.encoder(), VideoModeration.checker(),
            AgenticPipeline.agent(), AgenticPipeline.guardrails(), AgenticPipeline.model(), AgenticPipeline.gateway(),
        }) {
            programs.put(p.name(), p);
        }
    }

    /** This catalog plus {@code extra} (for harnesses that bring their own programs, e.g. {@code mica bench}). */
    public WorkloadCatalog with(ProgramSpec... extra) {
        WorkloadCatalog c = new WorkloadCatalog();
        c.programs.putAll(programs);
        for (ProgramSpec p : extra) {
            c.programs.put(p.name(), p);
        }
        return c;
    }

    /** The program called {@code name}, or null. */
    public ProgramSpec get(String name) {
        return programs.get(name);
    }

    /** All programs, by name. */
    public Map<String, ProgramSpec> all() {
        return Collections.unmodifiableMap(programs);
    }
}
