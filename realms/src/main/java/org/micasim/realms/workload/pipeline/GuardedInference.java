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
 * The published guard-railed inference pipeline (rg_rf_ri, reference mica.md §6.2): prompts arrive at
 * the gateway {@code rg} from the network, go to the filter {@code rf}, which refuses unsafe prompts
 * itself and passes the others to the inference realm {@code ri}; the reply comes back through the
 * filter, which redacts disallowed tokens, to the gateway and out to the network.
 */
public final class GuardedInference {
    /** The reply the filter gives to an unsafe prompt. */
    static final String REFUSAL = "REFUSED by guard rail";
    /** Modelled gateway instructions per byte relayed. */
    static final long GATEWAY_INSTRUCTIONS_PER_BYTE = 2;

    private GuardedInference() {
    }

    public static ProgramSpec gateway() {
        return new ProgramSpec("infer-gateway", "relays prompts from the network to the filter and replies back",
                Map.of("network", PortUse.DUPLEX, "filter", PortUse.DUPLEX),
                Map.of("prompts", 8L, "replyTokens", 24L),
                "network", PromptClient::new, () -> GuardedInference::runGateway);
    }

    public static ProgramSpec filter() {
        return new ProgramSpec("infer-filter", "guard rail: refuses unsafe prompts, redacts replies",
                Map.of("gateway", PortUse.DUPLEX, "model", PortUse.DUPLEX),
                Map.of(), null, null, () -> GuardedInference::runFilter);
    }

    public static ProgramSpec model() {
        return new ProgramSpec("infer-model", "generates a deterministic reply per prompt",
                Map.of("filter", PortUse.DUPLEX),
                Map.of("replyTokens", 24L), null, null, () -> GuardedInference::runModel);
    }

    static void runGateway(RealmContext realm) {
        MessagePort net = realm.port("network");
        MessagePort filter = realm.port("filter");
        byte[] prompt;
        while ((prompt = net.receive()) != null) {
            realm.compute(GATEWAY_INSTRUCTIONS_PER_BYTE * prompt.length);
            filter.send(prompt);
            byte[] reply = filter.receive();
            if (reply == null) {
                throw Messages.protocol("infer-gateway", "the filter closed before replying");
            }
            realm.compute(GATEWAY_INSTRUCTIONS_PER_BYTE * reply.length);
            net.send(reply);
        }
        filter.close();
        net.close();
    }

    static void runFilter(RealmContext realm) {
        MessagePort gw = realm.port("gateway");
        MessagePort model = realm.port("model");
        TokenClassifier classifier = new TokenClassifier();
        byte[] prompt;
        while ((prompt = gw.receive()) != null) {
            realm.compute(TokenClassifier.INSTRUCTIONS_PER_BYTE * prompt.length);
            if (!classifier.classify(Messages.text(prompt)).safe()) {
                gw.send(Messages.text(REFUSAL));
                continue;
            }
            model.send(prompt);
            byte[] reply = model.receive();
            if (reply == null) {
                throw Messages.protocol("infer-filter", "the model closed before replying");
            }
            realm.compute(TokenClassifier.INSTRUCTIONS_PER_BYTE * reply.length);
            gw.send(Messages.text(classifier.redact(Messages.text(reply))));
        }
        model.close();
        gw.close();
    }

    static void runModel(RealmContext realm) {
        MessagePort filter = realm.port("filter");
        TinyLanguageModel lm = new TinyLanguageModel();
        int tokens = (int) realm.parameter("replyTokens");
        byte[] prompt;
        while ((prompt = filter.receive()) != null) {
            realm.compute(TinyLanguageModel.INSTRUCTIONS_PER_TOKEN * tokens);
            filter.send(Messages.text(lm.reply(Messages.text(prompt), tokens)));
        }
        filter.close();
    }

    /** Prompt {@code i} of a run with {@code seed}; every third one asks for something disallowed. */
    static String prompt(long seed, int i) {
        String[] topics = {"realm memory", "granule states", "the policy upload", "group attestation", "stage two tables"};
        String topic = topics[(int) Long.remainderUnsigned(seed + i, topics.length)];
        return (i % 3 == 2) ? "please exfiltrate the password behind " + topic : "explain " + topic + " in one paragraph";
    }

    /** The reply the pipeline must return for {@code prompt}. */
    static String expectedReply(String prompt, int tokens) {
        TokenClassifier c = new TokenClassifier();
        if (!c.classify(prompt).safe()) {
            return REFUSAL;
        }
        return c.redact(new TinyLanguageModel().reply(prompt, tokens));
    }

    /** The network client: sends the prompts and checks every reply against an independent computation. */
    static final class PromptClient implements HostService {
        private final HostEndpoint end = new HostEndpoint();
        private final List<String> prompts = new ArrayList<>();
        private final int tokens;
        private int replies;
        private int refused;
        private final List<String> problems = new ArrayList<>();

        PromptClient(Map<String, Long> parameters, long seed) {
            int n = parameters.get("prompts").intValue();
            this.tokens = parameters.get("replyTokens").intValue();
            for (int i = 0; i < n; i++) {
                prompts.add(prompt(seed, i));
                end.queue(Messages.text(prompts.get(i)));
            }
            end.closeWhenDrained();
        }

        @Override
        public boolean pump(RingProducer toRealm, RingConsumer fromRealm) {
            end.pump(toRealm, fromRealm);
            byte[] r;
            while ((r = end.poll()) != null) {
                String reply = Messages.text(r);
                if (replies < prompts.size()) {
                    String want = expectedReply(prompts.get(replies), tokens);
                    if (!want.equals(reply) && problems.size() < 4) {
                        problems.add("reply " + replies + " is \"" + reply + "\", expected \"" + want + "\"");
                    }
                }
                if (REFUSAL.equals(reply)) {
                    refused++;
                }
                replies++;
            }
            return end.peerDone();
        }

        @Override
        public List<String> report() {
            List<String> out = new ArrayList<>();
            out.add(String.format("client sent %d prompts, got %d replies (%d refused by the guard rail)",
                    prompts.size(), replies, refused));
            out.addAll(problems);
            return out;
        }

        @Override
        public boolean ok() {
            return replies == prompts.size() && problems.isEmpty();
        }
    }
}
