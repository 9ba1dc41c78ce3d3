package org.micasim.realms.workload.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.micasim.realms.workload.HostEndpoint;
import org.micasim.realms.workload.HostService;
import org.micasim.realms.workload.MessagePort;
import org.micasim.realms.workload.PortUse;
import org.micasim.realms.workload.ProgramSpec;
import org.micasim.realms.workload.RealmContext;
import org.micasim.realms.workload.channel.RingConsumer;
import org.micasim.realms.workload.channel.RingProducer;
import org.micasim.realms.workload.model.TinyLanguageModel;
import org.micasim.realms.workload.model.TokenClassifier;

/**
 * The published agentic pipeline with guard rails (agent_guardrails_llm_rnet, reference mica.md §6.2 and
 * the channel map of §4.4): the agent asks the model, through the guard rails, what to do next; the
 * model answers {@code FETCH /kb/N} or {@code ANSWER text}; fetches go through the network gateway
 * {@code rnet} to the host's web, and the final answer is posted through it. Channels: shm1 agent-guard
 * rails, shm2 guard rails-model, shm3 agent-rnet.
 */
public final class AgenticPipeline {
    static final String BLOCKED = "BLOCKED by guard rails";

    private AgenticPipeline() {
    }

    public static ProgramSpec agent() {
        return new ProgramSpec("agent", "plans each task with the model and fetches through the gateway",
                Map.of("guardrails", PortUse.DUPLEX, "gateway", PortUse.DUPLEX),
                Map.of("tasks", 3L, "steps", 3L), null, null, () -> AgenticPipeline::runAgent);
    }

    public static ProgramSpec guardrails() {
        return new ProgramSpec("agent-guardrails", "checks the agent's prompts and the model's actions",
                Map.of("agent", PortUse.DUPLEX, "model", PortUse.DUPLEX),
                Map.of(), null, null, () -> AgenticPipeline::runGuardrails);
    }

    public static ProgramSpec model() {
        return new ProgramSpec("agent-model", "chooses the agent's next action deterministically",
                Map.of("guardrails", PortUse.DUPLEX),
                Map.of("steps", 3L, "replyTokens", 16L), null, null, () -> AgenticPipeline::runModel);
    }

    public static ProgramSpec gateway() {
        return new ProgramSpec("agent-gateway", "fetches documents and posts answers on the host network, acknowledging each",
                Map.of("agent", PortUse.DUPLEX, "network", PortUse.DUPLEX),
                Map.of("tasks", 3L, "steps", 3L),
                "network", Web::new, () -> AgenticPipeline::runGateway);
    }

    static void runAgent(RealmContext realm) {
        MessagePort guard = realm.port("guardrails");
        MessagePort gw = realm.port("gateway");
        int tasks = (int) realm.parameter("tasks");
        int steps = (int) realm.parameter("steps");
        for (int t = 0; t < tasks; t++) {
            String context = "task " + t;
            for (int s = 0; s < steps; s++) {
                realm.compute(200L * context.length());
                guard.send(Messages.text("task " + t + " step " + s + " context " + context));
                String action = Messages.text(require(guard.receive(), "agent", "guard rails"));
                if (action.startsWith("FETCH ")) {
                    gw.send(Messages.text("GET " + action.substring(6)));
                    context = Messages.text(require(gw.receive(), "agent", "gateway"));
                } else {
                    gw.send(Messages.text("POST task " + t + ": " + (action.startsWith("ANSWER ") ? action.substring(7) : action)));
                    require(gw.receive(), "agent", "gateway");
                    break;
                }
            }
        }
        guard.close();
        gw.close();
    }

    static void runGuardrails(RealmContext realm) {
        MessagePort agent = realm.port("agent");
        MessagePort model = realm.port("model");
        TokenClassifier c = new TokenClassifier();
        byte[] prompt;
        while ((prompt = agent.receive()) != null) {
            realm.compute(TokenClassifier.INSTRUCTIONS_PER_BYTE * prompt.length);
            model.send(Messages.text(c.redact(Messages.text(prompt))));
            String action = Messages.text(require(model.receive(), "agent-guardrails", "model"));
            realm.compute(TokenClassifier.INSTRUCTIONS_PER_BYTE * action.length());
            agent.send(Messages.text(c.classify(action).safe() ? action : "ANSWER " + BLOCKED));
        }
        model.close();
        agent.close();
    }

    static void runModel(RealmContext realm) {
        MessagePort guard = realm.port("guardrails");
        int steps = (int) realm.parameter("steps");
        int tokens = (int) realm.parameter("replyTokens");
        byte[] prompt;
        while ((prompt = guard.receive()) != null) {
            realm.compute(TinyLanguageModel.INSTRUCTIONS_PER_TOKEN * tokens);
            guard.send(Messages.text(action(Messages.text(prompt), steps, tokens)));
        }
        guard.close();
    }

    /** The model's action for a prompt {@code "task T step S context ..."}. */
    static String action(String prompt, int steps, int tokens) {
        List<String> words = TokenClassifier.tokens(prompt);
        int step = words.size() > 3 ? Integer.parseInt(words.get(3)) : 0;
        String reply = new TinyLanguageModel().reply(prompt, tokens);
        if (step < steps - 1) {
            return "FETCH /kb/" + Math.floorMod(reply.hashCode(), 100);
        }
        return "ANSWER " + reply;
    }

    static void runGateway(RealmContext realm) {
        MessagePort agent = realm.port("agent");
        MessagePort net = realm.port("network");
        byte[] request;
        while ((request = agent.receive()) != null) {
            realm.compute(2L * request.length);
            net.send(request);
            byte[] response = require(net.receive(), "agent-gateway", "network");
            realm.compute(2L * response.length);
            agent.send(response);
        }
        net.close();
        agent.close();
    }

    private static byte[] require(byte[] m, String stage, String peer) {
        if (m == null) {
            throw Messages.protocol(stage, "the " + peer + " closed before answering");
        }
        return m;
    }

    /** Document {@code n} of the host's knowledge base; some mention a password, which the guard rails redact. */
    static String document(int n) {
        return "kb " + n + ": realms share granules only as their policies declare"
                + (n % 5 == 0 ? "; the admin password is hunter2" : "") + ".";
    }

    /** The host's web: serves GET /kb/N and accepts POSTed answers. */
    static final class Web implements HostService {
        private final HostEndpoint end = new HostEndpoint();
        private final int tasks;
        private int gets;
        private int posts;
        private final List<String> problems = new ArrayList<>();
        private boolean finished;

        Web(Map<String, Long> parameters, long seed) {
            this.tasks = parameters.get("tasks").intValue();
        }

        @Override
        public boolean pump(RingProducer toRealm, RingConsumer fromRealm) {
            end.pump(toRealm, fromRealm);
            byte[] r;
            while ((r = end.poll()) != null) {
                String req = Messages.text(r);
                if (req.startsWith("GET /kb/")) {
                    gets++;
                    end.queue(Messages.text(document(Integer.parseInt(req.substring(8).trim()))));
                } else if (req.startsWith("POST ")) {
                    posts++;
                    end.queue(Messages.text("201 stored"));
                } else {
                    if (problems.size() < 4) {
                        problems.add("unexpected request \"" + req + "\"");
                    }
                    end.queue(Messages.text("400 bad request"));
                }
            }
            if (end.peerDone() && !finished) {
                end.closeWhenDrained();
                finished = true;
            }
            end.pump(toRealm, fromRealm);
            return finished && end.drained();
        }

        @Override
        public List<String> report() {
            List<String> out = new ArrayList<>();
            out.add(String.format("web served %d fetches and stored %d of %d answers", gets, posts, tasks));
            out.addAll(problems);
            return out;
        }

        @Override
        public boolean ok() {
            return posts == tasks && problems.isEmpty();
        }
    }
}
